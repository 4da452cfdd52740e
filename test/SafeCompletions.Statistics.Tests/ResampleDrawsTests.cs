using SafeCompletions.Statistics;

namespace SafeCompletions.Statistics.Tests;

public sealed class ResampleDrawsTests
{
    private static readonly ResampleDraws Draws = new(2000, 2000, 20250812);

    [Fact]
    public void Weights_ArePoissonOne()
    {
        // 400,000 draws: Poisson(1) has mean 1, variance 1, P(0) = e^-1 = 0.3679 and P(W ≥ 4) = 0.0190.
        var weights = Enumerable.Range(0, 200).SelectMany(p =>
        {
            var w = new double[2000];
            Draws.Weights(ResampleDraws.KeyOf($"p{p}"), w);
            return w;
        }).ToList();
        var mean = weights.Average();

        Assert.Equal(1.0, mean, tolerance: 0.01);
        Assert.Equal(1.0, weights.Average(w => (w - mean) * (w - mean)), tolerance: 0.02);
        Assert.Equal(0.3679, weights.Count(w => w == 0) / 400_000.0, tolerance: 0.003);
        Assert.Equal(0.0190, weights.Count(w => w >= 4) / 400_000.0, tolerance: 0.001);
        Assert.All(weights, w => Assert.Equal(Math.Round(w), w));
    }

    [Fact]
    public void Weights_AllAtOnce_EqualEachDrawnAlone()
    {
        // 2,003 resamples: four at a time (vectors) for 2,000 of them, then one by one, against the one-by-one function.
        foreach (var key in new[] { 0UL, 1UL, ResampleDraws.KeyOf("p1"), ulong.MaxValue })
        {
            var weights = new double[2003];
            Draws.Weights(key, weights);

            Assert.Equal(Enumerable.Range(0, 2003).Select(r => (double)Draws.Weight(key, r)), weights);
        }
    }

    [Fact]
    public void Signs_AreFairCoins_AndAllAtOnceEqualEachDrawnAlone()
    {
        var key = ResampleDraws.KeyOf("p7");
        var signs = new double[2003];
        Draws.Signs(key, signs);

        Assert.Equal(Enumerable.Range(0, 2003).Select(k => (double)Draws.Sign(key, k)), signs);
        var share = Enumerable.Range(0, 100).Sum(p =>
        {
            Draws.Signs(ResampleDraws.KeyOf($"q{p}"), signs);
            return signs.Sum();
        }) / 200_300;
        Assert.Equal(0.5, share, tolerance: 0.005);
    }

    [Fact]
    public void Draws_DependOnThePromptAndTheSeedOnly()
    {
        var (first, again, otherSeed, otherPrompt) = (new double[64], new double[64], new double[64], new double[64]);
        Draws.Weights(ResampleDraws.KeyOf("p1"), first);
        new ResampleDraws(2000, 2000, 20250812).Weights(ResampleDraws.KeyOf("p1"), again);
        new ResampleDraws(2000, 2000, 1).Weights(ResampleDraws.KeyOf("p1"), otherSeed);
        Draws.Weights(ResampleDraws.KeyOf("p2"), otherPrompt);

        Assert.Equal(first, again);
        Assert.NotEqual(first, otherSeed);
        Assert.NotEqual(first, otherPrompt);
    }
}
