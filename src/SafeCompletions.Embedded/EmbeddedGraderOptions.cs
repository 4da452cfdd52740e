namespace SafeCompletions.Embedded;

/// <summary>Settings of the embedded grader.</summary>
public sealed class EmbeddedGraderOptions
{
    /// <summary>safe = s ≥ this. Default 0.5.</summary>
    public double SafeThreshold { get; init; } = Contracts.Reward.DefaultSafeThreshold;

    /// <summary>A weights file from <c>safecomp grader train</c>; default: the weights committed with the project.</summary>
    public string? WeightsPath { get; init; }
}
