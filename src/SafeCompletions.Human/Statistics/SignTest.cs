namespace SafeCompletions.Human.Statistics;

/// <summary>The exact two-sided sign test: under the null each non-tied pair favours either side with probability ½.</summary>
public static class SignTest
{
    /// <summary>The test's name as human.json states it.</summary>
    public const string Name = "exact two-sided sign test (binomial, p = 1/2), ties dropped";

    /// <summary>
    /// P(a split at least as uneven as <paramref name="positive"/> against <paramref name="negative"/>) under Binomial(n, ½),
    /// n = positive + negative: 2 · P(X ≤ min), capped at 1, which is scipy.stats.binomtest's two-sided value for p = ½.
    /// 1 when there is nothing to test.
    /// </summary>
    public static double PValue(int positive, int negative)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(positive);
        ArgumentOutOfRangeException.ThrowIfNegative(negative);
        var n = positive + negative;
        if (n == 0 || positive == negative)
        {
            return 1;
        }
        return Math.Min(1, 2 * LowerTail(n, Math.Min(positive, negative)));
    }

    /// <summary>P(X ≤ k) for Binomial(n, ½), summed term by term (incomplete-beta routines lose digits in the far tail,
    /// where the p-values that matter lie): binomial coefficients scaled by 2^−n exactly up to n = 1000, log space above.</summary>
    private static double LowerTail(int n, int k)
    {
        if (n <= 1000)
        {
            double term = 1, sum = 1;
            for (var i = 0; i < k; i++)
            {
                term = term * (n - i) / (i + 1);
                sum += term;
            }
            return Math.ScaleB(sum, -n);
        }
        var logTerm = -n * Math.Log(2);
        var total = Math.Exp(logTerm);
        for (var i = 0; i < k; i++)
        {
            logTerm += Math.Log((double)(n - i) / (i + 1));
            total += Math.Exp(logTerm);
        }
        return total;
    }
}
