using SafeCompletions.Human.Statistics;

namespace SafeCompletions.Human.Results;

/// <summary>How human results are computed: the bootstrap's resamples and seed, and the gold accuracy below which a rater is excluded.</summary>
public sealed class HumanResultsOptions
{
    public int Resamples { get; init; } = ClusteredBootstrap.DefaultResamples;

    public int Seed { get; init; } = ClusteredBootstrap.DefaultSeed;

    /// <summary>Raters whose share of right gold answers is below this are left out of every figure; null keeps everyone.</summary>
    public double? MinGoldAccuracy { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the option when it is out of range.</summary>
    public void Validate()
    {
        if (Resamples is < 100 or > 1_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(Resamples), Resamples, "--resamples must be from 100 to 1000000");
        }
        if (MinGoldAccuracy is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MinGoldAccuracy), MinGoldAccuracy, "--min-gold-accuracy must be from 0 to 1");
        }
    }
}
