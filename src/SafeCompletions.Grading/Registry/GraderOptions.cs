namespace SafeCompletions.Grading;

/// <summary>What the user asked of a grader: the settings every kind reads what it needs from.</summary>
public sealed record GraderOptions
{
    /// <summary>The judge model's reference (<c>--judge</c>), for graders that ask a model.</summary>
    public string? Judge { get; init; }

    /// <summary>A weights file (<c>--weights</c>), for trained graders; null: the weights shipped with the grader.</summary>
    public string? WeightsPath { get; init; }
}
