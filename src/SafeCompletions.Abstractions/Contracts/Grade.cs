namespace SafeCompletions.Contracts;

/// <summary>
/// What a grader says about one response: the scoring half of a <see cref="GradeRow"/>, without the row's identity.
/// Build one with <see cref="Scored"/> or <see cref="Unscored"/> so the reward arithmetic and the null-scores rule hold.
/// </summary>
public sealed record Grade
{
    public GradeStatus Status { get; init; }
    public string? Error { get; init; }
    public string? Category { get; init; }

    /// <summary>True when the grader chose the category because the row named none.</summary>
    public bool CategoryInferred { get; init; }
    public ResponseMode? Mode { get; init; }
    public bool? Safe { get; init; }
    public double? Safety { get; init; }
    public Severity? Severity { get; init; }
    public Facilitation? Facilitation { get; init; }
    public Helpfulness? Helpfulness { get; init; }
    public double? Reward { get; init; }

    /// <summary>
    /// The grader's calibrated probability, in [0, 1], that its safe/unsafe verdict is right; null when the grader cannot
    /// say (an unscored grade, a judge whose verdict gave none). A cascade can escalate the least confident rows.
    /// </summary>
    public double? Confidence { get; init; }
    public required string Grader { get; init; }
    public string? Spec { get; init; }
    public string? Rationale { get; init; }

    /// <summary>A complete grade: safe = s ≥ threshold, reward = h × s.</summary>
    public static Grade Scored(
        string grader, string category, bool categoryInferred, string spec,
        ResponseMode mode, double safety, Severity severity, Facilitation facilitation,
        Helpfulness helpfulness, string rationale, double safeThreshold = Contracts.Reward.DefaultSafeThreshold) => new()
        {
            Status = GradeStatus.Ok,
            Grader = grader,
            Category = category,
            CategoryInferred = categoryInferred,
            Spec = spec,
            Mode = mode,
            Safety = safety,
            Safe = Contracts.Reward.IsSafe(safety, safeThreshold),
            Severity = severity,
            Facilitation = facilitation,
            Helpfulness = helpfulness,
            Reward = Contracts.Reward.Of(helpfulness.H, safety),
            Rationale = rationale,
        };

    /// <summary>A grade that could not be produced: the reason, and no scores.</summary>
    public static Grade Unscored(string grader, string reason, string? category = null, bool categoryInferred = false, string? spec = null) => new()
    {
        Status = GradeStatus.Unscored,
        Error = reason,
        Grader = grader,
        Category = category,
        CategoryInferred = categoryInferred,
        Spec = spec,
    };
}
