namespace SafeCompletions.Human.Statistics;

/// <summary>A Wilcoxon signed-rank test: how many non-zero differences were ranked, the rank sums of each sign, the
/// two-sided p-value, and whether it came from the exact distribution or the normal approximation.</summary>
public sealed record WilcoxonResult(int NonZero, double RankSumPositive, double RankSumNegative, double PValue, bool Exact);
