using SafeCompletions.Human.Statistics;

namespace SafeCompletions.Human.Tests.Statistics;

public sealed class ClusteredBootstrapTests
{
    private static double[][][] Clusters(int prompts, Func<int, int, double> value) =>
        [.. Enumerable.Range(0, prompts).Select(p => Enumerable.Range(0, 3).Select(r => new[] { value(p, r) }).ToArray())];

    [Fact]
    public void MeanIntervals_SameSeed_GivesTheSameInterval()
    {
        var clusters = Clusters(40, (p, r) => (p * 7 + r) % 4);

        Assert.Equal(new ClusteredBootstrap(500, 1).MeanIntervals(clusters, 1), new ClusteredBootstrap(500, 1).MeanIntervals(clusters, 1));
    }

    [Fact]
    public void MeanIntervals_ContainTheMeanAndNarrowWithMorePrompts()
    {
        var small = Clusters(20, (p, r) => (p + r) % 2);
        var large = Clusters(500, (p, r) => (p + r) % 2);

        var (lowSmall, highSmall) = new ClusteredBootstrap(1000, 3).MeanIntervals(small, 1)[0]!.Value;
        var (lowLarge, highLarge) = new ClusteredBootstrap(1000, 3).MeanIntervals(large, 1)[0]!.Value;

        Assert.InRange(0.5, lowSmall, highSmall);
        Assert.InRange(0.5, lowLarge, highLarge);
        Assert.True(highLarge - lowLarge < (highSmall - lowSmall) / 2);
    }

    [Fact]
    public void MeanIntervals_CorrelatedWithinPrompt_AreWiderThanTreatingRatingsAsIndependent()
    {
        // Every rater of a prompt agrees: 150 ratings carry only 50 prompts' worth of information, and the interval shows it.
        var clustered = Clusters(50, (p, _) => p % 2);
        var independent = Enumerable.Range(0, 150).Select(i => new[] { new[] { (double)(i % 2) } }).ToArray();

        var (lowC, highC) = new ClusteredBootstrap(2000, 5).MeanIntervals(clustered, 1)[0]!.Value;
        var (lowI, highI) = new ClusteredBootstrap(2000, 5).MeanIntervals(independent, 1)[0]!.Value;

        Assert.True(highC - lowC > 1.4 * (highI - lowI), $"clustered width {highC - lowC}, independent {highI - lowI}");
    }

    [Fact]
    public void Percentile_InterpolatesLikeNumpy()
    {
        Assert.Equal(1.75, ClusteredBootstrap.Percentile([1, 2, 3, 4], 0.25), precision: 12);
    }
}
