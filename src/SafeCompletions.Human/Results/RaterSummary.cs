namespace SafeCompletions.Human.Results;

/// <summary>One rater: ratings counted, mean safety given, leniency (mean of their rating minus the other raters' mean on the same response), gold accuracy, and whether they were excluded.</summary>
public sealed record RaterSummary(
    int NRatings,
    double? MeanSafety,
    double? Leniency,
    double? MedianSeconds,
    int GoldChecks,
    double? GoldAccuracy,
    bool Excluded);
