using SafeCompletions.Contracts;
using SafeCompletions.Grading;

namespace SafeCompletions.Grading.Tests;

public sealed class GradeRequestTests
{
    [Fact]
    public void Response_WithAThinkBlock_IsTheFinalAnswerOnly()
    {
        var request = new GradeRequest([new ChatTurn("user", "How do locks work?")], "<think>\nthe policy allows this\n</think>\n\nPins and a shear line.");

        Assert.Equal("Pins and a shear line.", request.Response);
    }

    [Fact]
    public void Response_SetWithWith_IsTheFinalAnswerOnly_Too()
    {
        var request = new GradeRequest([new ChatTurn("user", "Q")], "A") with { Response = "reasoning</think>The answer." };

        Assert.Equal("The answer.", request.Response);
    }

    [Fact]
    public void Conversation_AssistantTurnsLoseTheirReasoning_OtherTurnsAreUntouched()
    {
        ChatTurn[] conversation =
        [
            new("user", "<think>a user may write this</think> hi"),
            new("assistant", "<think>\nearlier reasoning\n</think>\n\nHello."),
            new("user", "And now?"),
        ];

        var request = new GradeRequest(conversation, "Now this.");

        Assert.Equal([conversation[0], new ChatTurn("assistant", "Hello."), conversation[2]], request.Conversation);
    }

    [Fact]
    public void From_ResponseRowWithInlineReasoning_GradesTheAnswer()
    {
        var row = new ResponseRow { Id = "r1", Prompt = "Q", Response = "<think>long deliberation</think>Short answer.", Reasoning = "kept in the file" };

        Assert.Equal("Short answer.", GradeRequest.From(row).Response);
    }
}
