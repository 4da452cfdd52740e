using SafeCompletions.Human.Statistics;

namespace SafeCompletions.Human.Tests.Statistics;

public sealed class WilcoxonSignedRankTests
{
    [Fact]
    public void Test_FivePositiveDifferences_IsExactTwoOverThirtyTwo()
    {
        // All 5 signs positive: T = min(15, 0) = 0; only one of 32 sign patterns has rank sum 0.
        var result = WilcoxonSignedRank.Test([0.5, 1, 1.5, 2, 2.5]);

        Assert.True(result.Exact);
        Assert.Equal((15.0, 0.0), (result.RankSumPositive, result.RankSumNegative));
        Assert.Equal(2 / 32.0, result.PValue, precision: 15);
    }

    [Fact]
    public void Test_ZeroDifferences_AreDroppedBeforeRanking()
    {
        var withZeros = WilcoxonSignedRank.Test([0, 0, 1, -2, 3, 4, 5]);
        var without = WilcoxonSignedRank.Test([1, -2, 3, 4, 5]);

        Assert.Equal(5, withZeros.NonZero);
        Assert.Equal(without, withZeros);
    }

    [Fact]
    public void Test_SmallExactCase_CountsTheLowerTail()
    {
        // Ranks 1..5, negative on rank 2: T = 2; sign patterns with rank sum <= 2: {}, {1}, {2} = 3 of 32.
        var result = WilcoxonSignedRank.Test([1, -2, 3, 4, 5]);

        Assert.Equal(2 * 3 / 32.0, result.PValue, precision: 15);
    }

    [Fact]
    public void Test_TiedDifferences_UseTheNormalApproximationWithTieCorrection()
    {
        // |d| = 1, 1, 1, 2, 2, 2: two groups of three ties, average ranks 2 and 5.
        double[] differences = [1, 1, -1, 2, -2, -2];
        var result = WilcoxonSignedRank.Test(differences);

        Assert.False(result.Exact);
        // By hand: T+ = 2 + 2 + 5 = 9, T- = 12, T = 9; mean 10.5; variance (6·7·13 − (24 + 24) / 2) / 24 = 21.75.
        var z = (9 - 10.5) / Math.Sqrt(21.75);
        Assert.Equal(2 * MathNet.Numerics.Distributions.Normal.CDF(0, 1, z), result.PValue, precision: 12);
    }

    [Fact]
    public void Test_NoDifference_IsOne()
    {
        Assert.Equal(1, WilcoxonSignedRank.Test([0, 0, 0]).PValue);
    }
}
