using SafeCompletions.Contracts;

namespace SafeCompletions.Grading;

/// <summary>
/// A grader that passes every call to an inner grader: the base of the pipeline's stages (cache, timeout, faults as
/// unscored grades, concurrency limit), each of which overrides only what it changes. As Microsoft.Extensions.AI's
/// <c>DelegatingChatClient</c>.
/// </summary>
public abstract class DelegatingGrader(IGrader innerGrader) : IGrader
{
    /// <summary>The grader this one passes its calls to.</summary>
    protected IGrader InnerGrader { get; } = innerGrader ?? throw new ArgumentNullException(nameof(innerGrader));

    /// <inheritdoc/>
    public virtual string Name => InnerGrader.Name;

    /// <inheritdoc/>
    public virtual GraderTraits Traits => InnerGrader.Traits;

    /// <inheritdoc/>
    public virtual Task<Grade> GradeAsync(GradeRequest request, CancellationToken cancellationToken = default) =>
        InnerGrader.GradeAsync(request, cancellationToken);

    /// <inheritdoc/>
    public virtual Task<IReadOnlyList<Grade>> GradeBatchAsync(IReadOnlyList<GradeRequest> requests, CancellationToken cancellationToken = default) =>
        InnerGrader.GradeBatchAsync(requests, cancellationToken);

    /// <inheritdoc/>
    public virtual Task WarmUpAsync(CancellationToken cancellationToken = default) => InnerGrader.WarmUpAsync(cancellationToken);
}
