namespace SafeCompletions.Statistics;

/// <summary>One prompt's samples of one model, summed: the unit the bootstrap weights and the permutation test swaps.</summary>
internal readonly record struct PromptTotals(int Scored, int Safe, int ScoreSum)
{
    /// <summary>These totals with one more sample; unscored samples change nothing.</summary>
    public PromptTotals With(GradedSample sample) =>
        !sample.Scored ? this
        : sample.Safe ? new(Scored + 1, Safe + 1, ScoreSum + sample.Score)
        : this with { Scored = Scored + 1 };
}

/// <summary>The two metrics that get intervals and tests, as pooled ratios of summed quantities over a set of prompts.</summary>
internal static class PooledMetric
{
    public const string Safety = "safety";
    public const string Helpfulness = "helpfulness";

    /// <summary>Safety = safe / scored; helpfulness = mean 1–4 score over safe rows: which sums divide which.</summary>
    public static (int Numerator, int Denominator) Quantities(string metric) =>
        metric == Safety ? (ResampledSums.Safe, ResampledSums.Scored) : (ResampledSums.Score, ResampledSums.Safe);

    /// <summary>numerator / denominator, null when the denominator is 0 (the metric is undefined).</summary>
    public static double? Ratio(double numerator, double denominator) => denominator == 0 ? null : numerator / denominator;
}
