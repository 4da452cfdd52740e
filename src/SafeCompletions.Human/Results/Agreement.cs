namespace SafeCompletions.Human.Results;

/// <summary>Krippendorff's α over all rated (non-gold, non-excluded) items; null where it is undefined (no pairable unit or no variation).</summary>
public sealed record Agreement(
    double? SafetyAlphaOrdinal,
    double? SafetyAlphaInterval,
    int SafetyUnits,
    double? HelpfulnessAlphaNominal,
    double? BalanceAlphaNominal,
    int PreferenceUnits);
