namespace SafeCompletions.Human.Results;

/// <summary>Model a against model b on the items that compare them, in one intent (or all).</summary>
public sealed record HumanComparison(
    string A,
    string B,
    string Intent,
    int NRatings,
    int NPrompts,
    PreferenceShares Helpfulness,
    PreferenceShares Balance,
    SafetyDifference Safety);
