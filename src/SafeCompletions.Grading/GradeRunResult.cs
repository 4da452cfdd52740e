using SafeCompletions.Jsonl;

namespace SafeCompletions.Grading;

/// <summary>What a grading run produced: its summary and the input lines it skipped as invalid.</summary>
public sealed record GradeRunResult(GradeSummary Summary, IReadOnlyList<RowError> Skipped);
