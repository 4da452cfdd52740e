namespace SafeCompletions.Human.Study;

/// <summary>One rater's progress for /admin: items given, rated, skipped, and the median seconds per rated item.</summary>
public sealed record RaterProgress(string Rater, int Items, int Rated, int Skipped, double? MedianSeconds);
