using SafeCompletions.Contracts;

namespace SafeCompletions.Reports;

/// <summary>A grade worth a reviewer's look, with the prompt and response when the run has them.</summary>
public sealed record DrillDownRow(GradeRow Grade, string? Prompt, string? Response);
