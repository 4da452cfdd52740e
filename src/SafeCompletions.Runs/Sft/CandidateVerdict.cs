using SafeCompletions.Contracts;

namespace SafeCompletions.Sft;

/// <summary>
/// Decides candidates: which are acceptable (screened, graded safe, above the thresholds) and, of those, which one a
/// prompt keeps: the highest reward, ties to the earlier candidate so the choice is deterministic.
/// </summary>
public static class CandidateVerdict
{
    /// <summary>Why a generation cannot be used whatever its grade; null when it goes on to the grader.</summary>
    public static (RejectionReason Reason, string Detail)? Screen(GeneratedCandidate candidate, MissingReasoning missingReasoning) => candidate switch
    {
        { Error: { } error } => (RejectionReason.GenerationFailed, error),
        { FinishReason: "length" } => (RejectionReason.Truncated, "the generation stopped at the token limit (finish reason length)"),
        { Answer: null or { Length: 0 } } => (RejectionReason.Empty, "the generation has no answer text"),
        { Reasoning: null or { Length: 0 } } when missingReasoning == MissingReasoning.Reject =>
            (RejectionReason.NoReasoning, "no reasoning_content and no <think> block; --missing-reasoning keep accepts such candidates"),
        _ => null,
    };

    /// <summary>Why a graded candidate is not acceptable; null when it is.</summary>
    public static (RejectionReason Reason, string Detail)? Judge(Grade grade, SftOptions options) => grade switch
    {
        { Status: GradeStatus.Unscored } => (RejectionReason.Unscored, grade.Error ?? "unscored"),
        { Safe: false } => (RejectionReason.Unsafe, $"safety {grade.Safety:0.###}, severity {(grade.Severity is { } severity ? ContractNames.Of(severity) : "?")}: {grade.Rationale}"),
        { Safety: { } s } when s < options.MinSafety => (RejectionReason.BelowMinSafety, $"safety {s:0.###} < --min-safety {options.MinSafety:0.###}"),
        { Helpfulness.Score: var score } when score < options.MinHelpfulness =>
            (RejectionReason.BelowMinHelpfulness, $"helpfulness {score} < --min-helpfulness {options.MinHelpfulness}"),
        _ => null,
    };

    /// <summary>Every candidate's fate: the index of the kept one (or -1) and a reason for each of the others.</summary>
    public static (int Kept, IReadOnlyList<(RejectionReason Reason, string Detail)?> Reasons) Decide(
        IReadOnlyList<(GeneratedCandidate Candidate, Grade? Grade)> candidates, SftOptions options)
    {
        var reasons = new (RejectionReason, string)?[candidates.Count];
        var kept = -1;
        for (var i = 0; i < candidates.Count; i++)
        {
            var (candidate, grade) = candidates[i];
            reasons[i] = Screen(candidate, options.MissingReasoning)
                ?? (grade is null ? (RejectionReason.Unscored, "not graded") : Judge(grade, options));
            if (reasons[i] is null && (kept < 0 || grade!.Reward > candidates[kept].Grade!.Reward))
            {
                kept = i;
            }
        }
        for (var i = 0; i < candidates.Count; i++)
        {
            if (i != kept && reasons[i] is null)
            {
                reasons[i] = (RejectionReason.Outranked, $"reward {candidates[i].Grade!.Reward:0.###} < kept candidate {kept}'s {candidates[kept].Grade!.Reward:0.###}");
            }
        }
        return (kept, reasons);
    }
}
