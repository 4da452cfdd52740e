using SafeCompletions.Contracts;

namespace SafeCompletions.Grading;

/// <summary>
/// Turns a grader that throws anyway (an <see cref="IGrader"/> should not) into an unscored grade with the reason,
/// <c>grader failed: TYPE: MESSAGE</c>, so one row never stops a run. The caller's own cancellation still propagates.
/// When a batch call throws, its requests are graded one by one, so that one request's fault costs only its own grade.
/// </summary>
public sealed class UnscoredOnFaultGrader(IGrader innerGrader) : DelegatingGrader(innerGrader)
{
    /// <inheritdoc/>
    public override async Task<Grade> GradeAsync(GradeRequest request, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.GradeAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return Grade.Unscored(Name, $"grader failed: {ex.GetType().Name}: {ex.Message}", request.Category);
        }
    }

    /// <inheritdoc/>
    public override async Task<IReadOnlyList<Grade>> GradeBatchAsync(IReadOnlyList<GradeRequest> requests, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.GradeBatchAsync(requests, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            return await Task.WhenAll(requests.Select(request => GradeAsync(request, cancellationToken))).ConfigureAwait(false);
        }
    }
}
