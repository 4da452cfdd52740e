namespace SafeCompletions.Grading;

/// <summary>
/// Composes a grader pipeline: an inner grader wrapped by delegating stages. The first stage added is the outermost,
/// as with Microsoft.Extensions.AI's <c>ChatClientBuilder</c>:
/// <c>grader.AsBuilder().UseUnscoredOnFault().UseCache(cache, catalog).Build()</c> turns faults of the cached grader
/// into unscored grades.
/// </summary>
public sealed class GraderBuilder(IGrader innerGrader)
{
    private readonly IGrader _innerGrader = innerGrader ?? throw new ArgumentNullException(nameof(innerGrader));
    private readonly List<Func<IGrader, IGrader>> _stages = [];

    /// <summary>Adds a stage: a function from the grader it wraps to the grader that wraps it.</summary>
    public GraderBuilder Use(Func<IGrader, IGrader> stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        _stages.Add(stage);
        return this;
    }

    /// <summary>The pipeline: every call passes through the stages in the order they were added, then the inner grader.</summary>
    public IGrader Build()
    {
        var grader = _innerGrader;
        for (var i = _stages.Count - 1; i >= 0; i--)
        {
            grader = _stages[i](grader) ?? throw new InvalidOperationException($"the grader pipeline's stage {i} returned null");
        }
        return grader;
    }
}
