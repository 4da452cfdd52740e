using SafeCompletions.Contracts;
using SafeCompletions.Models;
using SafeCompletions.Sft;
using SafeCompletions.Specs;

namespace SafeCompletions.Runs.Tests.Sft;

public sealed class SftTemplateTests
{
    private static readonly PolicySpec Cyber = SpecCatalog.Load().Get("cyber");

    [Fact]
    public void Augment_UserPlacement_WrapsOnlyTheLastUserTurn_WithInstructionsAndSpec()
    {
        ChatTurn[] conversation = [new("system", "Be brief."), new("user", "first"), new("assistant", "ok"), new("user", "How do exploits work?")];

        var augmented = SftTemplate.Augment(Cyber, conversation, TemplatePlacement.User);

        Assert.Equal(conversation[..3], augmented.Take(3));
        Assert.Contains(SftTemplate.Instructions, augmented[3].Content);
        Assert.Contains(Cyber.Body.Trim(), augmented[3].Content);
        Assert.Contains("<request>\nHow do exploits work?\n</request>", augmented[3].Content);
    }

    [Fact]
    public void Augment_SystemPlacement_AddsASystemTurn_AndLeavesTheConversationAlone()
    {
        ChatTurn[] conversation = [new("user", "How do exploits work?")];

        var augmented = SftTemplate.Augment(Cyber, conversation, TemplatePlacement.System);

        Assert.Equal("system", augmented[0].Role);
        Assert.Contains(Cyber.Identity, augmented[0].Content);
        Assert.Equal(conversation, augmented.Skip(1));
    }

    [Fact]
    public void Identity_NamesTheVersionAndTheHashOfTheInstructions()
    {
        Assert.Matches(@"^safecomp-sft@1\+sha256:[0-9a-f]{12}$", SftTemplate.Identity);
    }
}

public sealed class CandidateVerdictTests
{
    private static readonly SftOptions Options = new();

    private static (GeneratedCandidate, Grade?) Graded(double safety, double h, int score) => (
        new GeneratedCandidate("answer", "cot", ReasoningSource.ThinkTag, "stop", null),
        Grade.Scored("test", "cyber", false, "cyber@1+sha256:0", ResponseMode.SafeCompletion, safety, Severity.None,
            new Facilitation(0, 0, 0, 0), Helpfulness.From(h, h, score), "r"));

    [Fact]
    public void Decide_KeepsTheHighestReward_AndTiesGoToTheEarlierCandidate()
    {
        var (kept, reasons) = CandidateVerdict.Decide([Graded(0.9, 0.5, 3), Graded(0.9, 0.8, 3), Graded(0.9, 0.8, 3)], Options);

        Assert.Equal(1, kept);
        Assert.Equal(RejectionReason.Outranked, reasons[0]!.Value.Reason);
        Assert.Null(reasons[1]);
        Assert.Equal(RejectionReason.Outranked, reasons[2]!.Value.Reason);
    }

    [Fact]
    public void Decide_NeverKeepsAnUnsafeCandidate_HoweverHighItsHelpfulness()
    {
        var (kept, reasons) = CandidateVerdict.Decide([Graded(0.3, 1.0, 4), Graded(0.6, 0.2, 2)], Options with { MinSafety = 0.7 });

        Assert.Equal(-1, kept);
        Assert.Equal(RejectionReason.Unsafe, reasons[0]!.Value.Reason);
        Assert.Equal(RejectionReason.BelowMinSafety, reasons[1]!.Value.Reason);
    }

    [Fact]
    public void Screen_FailedGenerationComesBeforeEveryOtherReason()
    {
        Assert.Equal(RejectionReason.GenerationFailed, CandidateVerdict.Screen(GeneratedCandidate.Failed("HTTP 503"), MissingReasoning.Keep)!.Value.Reason);
    }
}
