namespace SafeCompletions.Human.Results;

/// <summary>human.json (docs/human.md, "Results"): the paper's human-evaluation figures by model and intent, the paired
/// comparisons, agreement, position bias, the raters, gold accuracy, the exclusions applied and how it was all computed.</summary>
public sealed record HumanReport(
    int Schema,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, ModelSafety>> Models,
    IReadOnlyList<HumanComparison> Comparisons,
    Agreement Agreement,
    PositionBias PositionBias,
    IReadOnlyDictionary<string, RaterSummary> Raters,
    GoldSummary Gold,
    IReadOnlyList<Exclusion> Exclusions,
    HumanStatistics Statistics);
