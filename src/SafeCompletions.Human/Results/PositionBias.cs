namespace SafeCompletions.Human.Results;

/// <summary>How often the side shown on the left was preferred, and the safety given to each side.</summary>
public sealed record PositionBias(SideShares Helpfulness, SideShares Balance, double? MeanSafetyLeft, double? MeanSafetyRight);
