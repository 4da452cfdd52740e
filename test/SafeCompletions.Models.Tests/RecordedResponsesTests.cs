using SafeCompletions.Contracts;
using SafeCompletions.Runs;

namespace SafeCompletions.Models.Tests;

/// <summary><c>responses:FILE</c> in eval: recorded responses read as live replies are, reasoning kept apart from the answer.</summary>
public sealed class RecordedResponsesTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private async Task<GeneratedResponse> RecordedAsync(string rowJson)
    {
        var recorded = await RecordedResponses.LoadAsync("m", _dir.Write("responses.jsonl", rowJson));
        return await recorded.GenerateAsync(new PromptRow { Id = "p1", Prompt = "How do locks work?" }, 0);
    }

    [Fact]
    public async Task Generate_RecordedThinkBlock_IsStoredAsReasoning_AndTheAnswerAsTheResponse()
    {
        var generated = await RecordedAsync("""{"id":"p1","prompt":"How do locks work?","response":"<think>\nPlan a careful reply.\n</think>\n\nPins and a shear line."}""");

        Assert.Equal(("Pins and a shear line.", "Plan a careful reply."), (generated.Response, generated.Reasoning));
    }

    [Fact]
    public async Task Generate_RecordedReasoningField_IsKept_AndTheTextsThinkBlockStillLeavesTheAnswer()
    {
        var generated = await RecordedAsync("""{"id":"p1","prompt":"Q","response":"<think>inline</think>The answer.","reasoning":"recorded apart"}""");

        Assert.Equal(("The answer.", "recorded apart"), (generated.Response, generated.Reasoning));
    }

    [Fact]
    public async Task Generate_RecordedResponseWithoutReasoning_IsTheTextExactlyAsRecorded()
    {
        var generated = await RecordedAsync("""{"id":"p1","prompt":"Q","response":"  The answer.\n"}""");

        Assert.Equal(("  The answer.\n", null), (generated.Response, generated.Reasoning));
    }
}
