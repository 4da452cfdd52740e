using System.Diagnostics;
using SafeCompletions.Contracts;
using SafeCompletions.Grading;

namespace SafeCompletions.Server.Internal;

/// <summary>Records how long each item spent in the grader (a batch call's time for each of its items).</summary>
internal sealed class MeasuredGrader(IGrader innerGrader, RewardMetrics metrics) : DelegatingGrader(innerGrader)
{
    /// <inheritdoc/>
    public override async Task<Grade> GradeAsync(GradeRequest request, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var grade = await base.GradeAsync(request, cancellationToken).ConfigureAwait(false);
        metrics.Graded(Stopwatch.GetElapsedTime(started));
        return grade;
    }

    /// <inheritdoc/>
    public override async Task<IReadOnlyList<Grade>> GradeBatchAsync(IReadOnlyList<GradeRequest> requests, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var grades = await base.GradeBatchAsync(requests, cancellationToken).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        foreach (var _ in grades)
        {
            metrics.Graded(elapsed);
        }
        return grades;
    }
}
