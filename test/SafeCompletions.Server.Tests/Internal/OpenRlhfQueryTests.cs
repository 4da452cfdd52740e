using SafeCompletions.Server.Internal;

namespace SafeCompletions.Server.Tests.Internal;

public sealed class OpenRlhfQueryTests
{
    [Theory]
    [InlineData("Hi there! Hello.", "Hi there!", " Hello.")]
    [InlineData("<s> Hi there! Hello.</s>", "Hi there!", " Hello.")]
    [InlineData("<|endoftext|><|endoftext|>Hi there! Hello.<|endoftext|>", "Hi there!", " Hello.")]
    [InlineData("Hi there! Hello. <|im_end|>\n", "Hi there!", " Hello.")]
    [InlineData("Hi there!", "Hi there!", "")]
    [InlineData("Hi there! Use <b>bold</b> here.", "Hi there!", " Use <b>bold</b> here.")]
    public void Response_QueryHoldingItsPrompt_IsTheRest(string query, string prompt, string expected) =>
        Assert.Equal(expected, OpenRlhfQuery.Response(query, prompt));

    [Theory]
    [InlineData("Something else. Hi there! Hello.", "Hi there!")]
    [InlineData("hi there! Hello.", "Hi there!")]
    [InlineData("Hello.", "")]
    public void Response_QueryNotStartingWithItsPrompt_IsNull(string query, string prompt)
    {
        if (prompt.Length == 0)
        {
            // The empty prompt is a prefix of everything: the whole query is the response.
            Assert.Equal(query, OpenRlhfQuery.Response(query, prompt));
            return;
        }
        Assert.Null(OpenRlhfQuery.Response(query, prompt));
    }
}
