namespace SafeCompletions.Grading.Audit;

/// <summary>How an audit runs and what it gates on.</summary>
public sealed record AuditOptions
{
    /// <summary>The default gate: the flip rate the embedded grader is held to (docs/grader-robustness.md).</summary>
    public const double DefaultMaxFlip = 0.02;

    /// <summary>The audit fails when any perturbation's flip rate is over this share.</summary>
    public double MaxFlip { get; init; } = DefaultMaxFlip;

    /// <summary>Requests in flight at once (the grader's preferred concurrency, or twice a judge's call concurrency).</summary>
    public int InFlight { get; init; } = GradeConcurrency.Batching;

    /// <summary>The perturbations to run; null: the whole set.</summary>
    public IReadOnlyList<Perturbation>? Perturbations { get; init; }

    /// <summary>Rows of the input left out for having no safe label, reported beside the figures.</summary>
    public int RowsWithoutSafeLabel { get; init; }
}
