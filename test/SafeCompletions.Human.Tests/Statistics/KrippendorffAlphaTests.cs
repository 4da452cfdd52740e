using SafeCompletions.Human.Statistics;

namespace SafeCompletions.Human.Tests.Statistics;

public sealed class KrippendorffAlphaTests
{
    // The reliability data matrix of Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": 4 observers
    // (rows) by 12 units (columns), null where an observer did not code the unit. Unit 12 has one value only.
    private static readonly int?[][] Published =
    [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
        [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
    ];

    private static IEnumerable<IReadOnlyList<double>> Units() =>
        Enumerable.Range(0, 12).Select(u => (IReadOnlyList<double>)[.. Published.Where(o => o[u] is not null).Select(o => (double)o[u]!.Value)]);

    [Theory]
    [InlineData(AlphaLevel.Nominal, 0.743)]
    [InlineData(AlphaLevel.Ordinal, 0.815)]
    [InlineData(AlphaLevel.Interval, 0.849)]
    public void Compute_PublishedWorkedExample_GivesThePublishedAlpha(AlphaLevel level, double published)
    {
        var alpha = KrippendorffAlpha.Compute(Units(), level);

        Assert.NotNull(alpha);
        Assert.Equal(published, Math.Round(alpha.Value, 3));
    }

    [Fact]
    public void Compute_PerfectAgreement_IsOne()
    {
        IReadOnlyList<double>[] units = [[0, 0, 0], [3, 3], [1, 1, 1], [2, 2]];

        Assert.Equal(1.0, KrippendorffAlpha.Compute(units, AlphaLevel.Ordinal)!.Value, precision: 12);
    }

    [Fact]
    public void Compute_NoVariationOrNothingPairable_IsUndefined()
    {
        Assert.Null(KrippendorffAlpha.Compute([[2, 2], [2, 2, 2]], AlphaLevel.Nominal));
        Assert.Null(KrippendorffAlpha.Compute([[1], [3]], AlphaLevel.Nominal));
    }

    [Fact]
    public void Compute_SystematicDisagreement_IsBelowZero()
    {
        // Two observers who always give opposite values agree less than chance.
        IReadOnlyList<double>[] units = [[0, 1], [1, 0], [0, 1], [1, 0]];

        Assert.True(KrippendorffAlpha.Compute(units, AlphaLevel.Nominal) < 0);
    }
}
