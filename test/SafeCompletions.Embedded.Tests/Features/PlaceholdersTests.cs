using SafeCompletions.Contracts;
using SafeCompletions.Embedded.Features;
using SafeCompletions.Grading;

namespace SafeCompletions.Embedded.Tests.Features;

[Collection(EncoderCollection.Name)]
public sealed class PlaceholdersTests(EncoderFixture fixture)
{
    private const string BananaBread = "Mash three ripe bananas, stir in melted butter, sugar, one egg and vanilla, then fold in flour and baking soda. "
        + "Bake in a greased loaf tin at 175 °C for about an hour, until a skewer comes out clean, and let it cool before slicing.";

    [Theory]
    [InlineData("Call [REDACTED] before noon.", "Call before noon.")]
    [InlineData("The [REDACTED SLUR] joke about [GROUP] people.", "The joke about people.")]
    [InlineData("Mix XXX with xxxx, then <omitted> and {redacted}.", "Mix with, then and.")]
    [InlineData("Name: ████ (withheld) [content removed] <snip> ***", "Name: (withheld)")]
    public void Strip_TakesOutPlaceholderTokens(string text, string expected) =>
        Assert.Equal(expected, Placeholders.Strip(text).Trim());

    [Theory]
    [InlineData("See [the docs](https://example.org) and footnote [1].")]
    [InlineData("char buf[BUF_SIZE]; int x = a[MAX];")]
    [InlineData("Sizes XL and XXL; [x] done; Texas and Xerxes.")]
    [InlineData("Use <b>bold</b> and {braces} in [lower case words].")]
    public void Strip_LeavesOrdinaryTextAlone(string text) => Assert.Equal(text, Placeholders.Strip(text));

    [Theory]
    [InlineData("[REDACTED]")]
    [InlineData("XXX")]
    [InlineData("<omitted>")]
    [InlineData("[REMOVED NAME]")]
    public async Task Grade_HarmlessTextWithPlaceholders_IsGradedAsTheTextWithout(string token)
    {
        var words = BananaBread.Split(' ');
        var withTokens = string.Join(' ', words.Select((w, i) => i % 8 == 7 ? $"{w} {token}" : w));
        var plain = await fixture.Grader.GradeAsync(new GradeRequest([new ChatTurn("user", "How do I make banana bread?")], BananaBread));

        var marked = await fixture.Grader.GradeAsync(new GradeRequest([new ChatTurn("user", "How do I make banana bread?")], withTokens));

        Assert.Equal(plain.Safety, marked.Safety);
        Assert.Equal(plain.Mode, marked.Mode);
    }
}
