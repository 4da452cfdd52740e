namespace SafeCompletions.Human.Statistics;

/// <summary>
/// Percentile intervals of means by a two-stage bootstrap: each resample draws the prompts with replacement, then,
/// within every drawn prompt, its ratings with replacement (raters within prompt), and takes the mean of every feature
/// over the drawn ratings. Resampling prompts first respects that one prompt's ratings are correlated (Davison &amp;
/// Hinkley 1997, §3.8, for two-stage sampling); the second stage carries the raters' own variation.
/// </summary>
public sealed class ClusteredBootstrap(int resamples, int seed)
{
    /// <summary>The resamples human.json uses by default.</summary>
    public const int DefaultResamples = 2000;

    /// <summary>The seed human.json uses by default (the project's seed, as metrics.json's).</summary>
    public const int DefaultSeed = 20250812;

    /// <summary>How the intervals are computed, as human.json states it.</summary>
    public const string Description =
        "95% percentile interval of a two-stage bootstrap: prompts drawn with replacement, then ratings (raters) " +
        "within each drawn prompt drawn with replacement; System.Random seeded per figure, prompts in ordinal order of their id";

    public int Resamples { get; } = resamples > 0 ? resamples : throw new ArgumentOutOfRangeException(nameof(resamples));

    public int Seed { get; } = seed;

    /// <summary>
    /// The 95% interval of the mean of each feature. <paramref name="clusters"/> holds one entry per prompt, ordered by
    /// prompt id so that the same ratings give the same intervals in any order; each entry holds its ratings, each
    /// rating its features. Null intervals when there is no rating.
    /// </summary>
    public (double Low, double High)?[] MeanIntervals(IReadOnlyList<double[][]> clusters, int features)
    {
        var result = new (double, double)?[features];
        if (clusters.Count == 0 || clusters.All(c => c.Length == 0))
        {
            return result;
        }
        var random = new Random(Seed);
        var draws = new double[features][];
        for (var f = 0; f < features; f++)
        {
            draws[f] = new double[Resamples];
        }
        var sums = new double[features];
        for (var r = 0; r < Resamples; r++)
        {
            Array.Clear(sums);
            long count = 0;
            for (var p = 0; p < clusters.Count; p++)
            {
                var ratings = clusters[random.Next(clusters.Count)];
                for (var i = 0; i < ratings.Length; i++)
                {
                    var rating = ratings[random.Next(ratings.Length)];
                    for (var f = 0; f < features; f++)
                    {
                        sums[f] += rating[f];
                    }
                }
                count += ratings.Length;
            }
            for (var f = 0; f < features; f++)
            {
                draws[f][r] = count == 0 ? double.NaN : sums[f] / count;
            }
        }
        for (var f = 0; f < features; f++)
        {
            var sorted = draws[f].Where(d => !double.IsNaN(d)).Order().ToArray();
            result[f] = sorted.Length == 0 ? null : (Percentile(sorted, 0.025), Percentile(sorted, 0.975));
        }
        return result;
    }

    /// <summary>The linearly interpolated percentile of sorted values (numpy's default, "type 7").</summary>
    internal static double Percentile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
