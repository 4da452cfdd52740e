namespace SafeCompletions.Human.Results;

/// <summary>Counts of left, right and tie; the left share among the decided; the sign test of left against right over ratings.</summary>
public sealed record SideShares(int Left, int Right, int Ties, double? LeftShareOfDecided, double PValue);
