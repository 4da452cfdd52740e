namespace SafeCompletions.Human.Results;

/// <summary>Ratings left out of the figures, and why.</summary>
public sealed record Exclusion(string Reason, int Ratings);
