using MathNet.Numerics.Distributions;

namespace SafeCompletions.Human.Statistics;

/// <summary>
/// The two-sided Wilcoxon signed-rank test of paired differences, Wilcoxon's zero method (zero differences are dropped
/// before ranking), tied |differences| sharing their average rank. With at most <see cref="ExactUpTo"/> differences
/// and no ties the p-value comes from the exact null distribution of the rank sum; otherwise from the normal
/// approximation with the tie correction of the variance and no continuity correction. These are
/// scipy.stats.wilcoxon's figures for <c>zero_method="wilcox"</c> with <c>method="exact"</c> and
/// <c>method="approx", correction=False</c> (bench/human-stats.sh compares them).
/// </summary>
public static class WilcoxonSignedRank
{
    /// <summary>The largest number of non-zero differences tested with the exact distribution.</summary>
    public const int ExactUpTo = 50;

    /// <summary>The test's name as human.json states it.</summary>
    public const string Name =
        "Wilcoxon signed-rank on per-prompt differences, two-sided, zero_method=wilcox (zero differences dropped), " +
        "exact for n <= 50 without tied |d|, else normal approximation with tie correction and no continuity correction";

    // Per-prompt differences are means of whole ratings; values this close are the same value.
    private const double Tolerance = 1e-9;

    /// <summary>The test of <paramref name="differences"/>; 1 when no difference is non-zero.</summary>
    public static WilcoxonResult Test(IEnumerable<double> differences)
    {
        var nonZero = differences.Where(d => Math.Abs(d) > Tolerance).OrderBy(Math.Abs).ToArray();
        var n = nonZero.Length;
        if (n == 0)
        {
            return new WilcoxonResult(0, 0, 0, 1, Exact: true);
        }
        var ranks = new double[n];
        var tieTerm = 0.0;
        for (var start = 0; start < n;)
        {
            var end = start;
            while (end + 1 < n && Math.Abs(Math.Abs(nonZero[end + 1]) - Math.Abs(nonZero[start])) <= Tolerance)
            {
                end++;
            }
            var t = end - start + 1;
            for (var i = start; i <= end; i++)
            {
                ranks[i] = (start + end) / 2.0 + 1;
            }
            tieTerm += (double)t * t * t - t;
            start = end + 1;
        }
        var plus = Enumerable.Range(0, n).Where(i => nonZero[i] > 0).Sum(i => ranks[i]);
        var minus = n * (n + 1) / 2.0 - plus;
        var statistic = Math.Min(plus, minus);
        var exact = n <= ExactUpTo && tieTerm == 0;
        var p = exact ? ExactPValue(n, (int)statistic) : ApproximatePValue(n, statistic, tieTerm);
        return new WilcoxonResult(n, plus, minus, p, exact);
    }

    /// <summary>2 · P(T ≤ t) under the null, where T is the rank sum of the positive differences, capped at 1.</summary>
    private static double ExactPValue(int n, int statistic)
    {
        // counts[s] = how many of the 2^n sign assignments give rank sum s.
        var total = n * (n + 1) / 2;
        var counts = new double[total + 1];
        counts[0] = 1;
        for (var rank = 1; rank <= n; rank++)
        {
            for (var s = total; s >= rank; s--)
            {
                counts[s] += counts[s - rank];
            }
        }
        var below = 0.0;
        for (var s = 0; s <= statistic; s++)
        {
            below += counts[s];
        }
        return Math.Min(1, 2 * below / Math.Pow(2, n));
    }

    private static double ApproximatePValue(int n, double statistic, double tieTerm)
    {
        var mean = n * (n + 1) / 4.0;
        var variance = (n * (n + 1.0) * (2 * n + 1) - tieTerm / 2) / 24;
        if (variance <= 0)
        {
            return 1;
        }
        var z = (statistic - mean) / Math.Sqrt(variance);
        return Math.Min(1, 2 * Normal.CDF(0, 1, -Math.Abs(z)));
    }
}
