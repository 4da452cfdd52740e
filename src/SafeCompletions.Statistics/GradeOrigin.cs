namespace SafeCompletions.Statistics;

/// <summary>Where a grade row was read: its file and 1-based line.</summary>
public sealed record GradeOrigin(string File, int Line);
