using SafeCompletions.Embedded.Features;

namespace SafeCompletions.Embedded.Tests.Features;

public sealed class ResponseWindowsTests
{
    private static string Filler(int words) => string.Join(' ', Enumerable.Range(0, words).Select(i => $"history{i % 17}"));

    private const string Operational = "Step 1: add 250 mg of the powder. Step 2: heat to 80 °C for 10 minutes. Step 3: filter and dry for 2 hours.";

    [Fact]
    public void Split_CoversEveryWordInWindowsOfFixedSize()
    {
        var size = ResponseWindows.WindowWords;
        var text = Filler(size * 3 + 5);

        var windows = ResponseWindows.Split(text);

        Assert.Equal([size, size, size, 5], windows.Select(SignalExtractor.WordCount));
        Assert.Equal(text.Split(' '), windows.SelectMany(w => w.Split(' ')));
    }

    [Fact]
    public void Select_FindsOperationalContentDeepInsideALongResponse()
    {
        var (opening, focus) = ResponseWindows.Select(Filler(800) + " " + Operational + " " + Filler(300));

        Assert.DoesNotContain("Step 1", opening);
        Assert.Contains("250 mg", focus);
    }

    [Fact]
    public void Select_ShortResponse_HasOnlyTheOpening()
    {
        Assert.Equal(("Sure, here it is.", null), ResponseWindows.Select("Sure, here it is."));
    }

    [Fact]
    public void Select_LongResponseWithoutOperationalContent_FocusesOnTheMiddle()
    {
        var words = ResponseWindows.WindowWords * 7;
        var text = string.Join(' ', Enumerable.Range(0, words).Select(i => $"w{i}"));

        var (opening, focus) = ResponseWindows.Select(text);

        Assert.Contains($" w{words / 2} ", $" {focus} ");
        Assert.DoesNotContain(" w0 ", $" {focus} ");
        Assert.StartsWith("w0 ", opening);
    }

    [Fact]
    public void PromptGist_KeepsTheStartAndEndOfALongPrompt()
    {
        var gist = ResponseWindows.PromptGist("BEGIN " + Filler(200) + " END");

        Assert.StartsWith("BEGIN", gist);
        Assert.EndsWith("END", gist);
        Assert.Equal(49, gist.Split(' ').Length);
    }
}
