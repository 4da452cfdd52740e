using System.Text.Json;
using SafeCompletions.Contracts;

namespace SafeCompletions.Abstractions.Tests.Contracts;

public sealed class MessageContentConverterTests
{
    private static ChatTurn Turn(string contentJson) =>
        JsonSerializer.Deserialize($$"""{"id":"p1","messages":[{"role":"user","content":{{contentJson}}}]}""", ContractJson.Default.PromptRow)!.Messages![0];

    [Theory]
    [InlineData("\"How do locks work?\"", "How do locks work?")]
    [InlineData("""[{"type":"text","text":"How do locks work?"}]""", "How do locks work?")]
    [InlineData("""[{"type":"text","text":"First."},{"text":"Second.","type":"text"}]""", "First.\nSecond.")]
    [InlineData("""[{"type":"input_text","text":"Responses API."}]""", "Responses API.")]
    [InlineData("[]", "")]
    public void Read_StringOrTextParts_IsTheText(string content, string expected) => Assert.Equal(expected, Turn(content).Content);

    [Fact]
    public void Read_Null_StaysNull() => Assert.Null(Turn("null").Content);

    [Theory]
    [InlineData("""[{"type":"image_url","image_url":{"url":"http://x/y.png"}}]""", "of type 'image_url': only text parts can be graded")]
    [InlineData("""[{"type":"text"}]""", "a text part needs")]
    [InlineData("""["loose string"]""", "expected an object")]
    [InlineData("42", "a string or a list of text parts")]
    public void Read_AnythingElse_IsAnErrorSayingWhat(string content, string message)
    {
        var error = Assert.Throws<JsonException>(() => Turn(content));

        Assert.Contains(message, error.Message);
        Assert.Contains("$.messages[0].content", error.Path);
    }

    [Fact]
    public void Write_IsAlwaysAString() =>
        Assert.Equal("""{"role":"user","content":"a\nb"}""", JsonSerializer.Serialize(Turn("""[{"type":"text","text":"a"},{"type":"text","text":"b"}]"""), ContractJson.Default.ChatTurn));
}
