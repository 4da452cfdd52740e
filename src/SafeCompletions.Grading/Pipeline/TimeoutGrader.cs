using System.Globalization;
using SafeCompletions.Contracts;

namespace SafeCompletions.Grading;

/// <summary>
/// Bounds how long a grade may take: a request not graded within the timeout comes back unscored with the reason
/// (by default <c>timeout: not graded within N s</c>), so that a caller such as an RL trainer is never left hanging.
/// A batch shares one deadline; a grader with no batching of its own grades the batch's requests side by side, and
/// those done by the deadline keep their grades. The caller's own cancellation still propagates.
/// </summary>
public sealed class TimeoutGrader : DelegatingGrader
{
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;

    /// <param name="innerGrader">The grader whose calls are bounded.</param>
    /// <param name="timeout">How long one call (a request, or a batch) may take.</param>
    /// <param name="reason">The unscored grade's reason for a timeout of the given length; null for the default.</param>
    /// <param name="time">The clock of the deadline (tests pass a fake one).</param>
    public TimeoutGrader(IGrader innerGrader, TimeSpan timeout, Func<TimeSpan, string>? reason = null, TimeProvider? time = null)
        : base(innerGrader)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        _timeout = timeout;
        _time = time ?? TimeProvider.System;
        Reason = (reason ?? DefaultReason)(timeout);
    }

    /// <summary>The error of a grade that timed out.</summary>
    public string Reason { get; }

    /// <inheritdoc/>
    public override async Task<Grade> GradeAsync(GradeRequest request, CancellationToken cancellationToken = default)
    {
        using var deadline = new CancellationTokenSource(_timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        return await WithinAsync(request, deadline, linked.Token).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override async Task<IReadOnlyList<Grade>> GradeBatchAsync(IReadOnlyList<GradeRequest> requests, CancellationToken cancellationToken = default)
    {
        using var deadline = new CancellationTokenSource(_timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        if (InnerGrader.Traits.PreferredBatchSize <= 1)
        {
            return await Task.WhenAll(requests.Select(request => WithinAsync(request, deadline, linked.Token))).ConfigureAwait(false);
        }
        try
        {
            // WaitAsync: a grader that ignores cancellation still cannot hold the reply past the deadline.
            return await base.GradeBatchAsync(requests, linked.Token).WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return [.. requests.Select(TimedOut)];
        }
    }

    private async Task<Grade> WithinAsync(GradeRequest request, CancellationTokenSource deadline, CancellationToken cancellationToken)
    {
        try
        {
            return await base.GradeAsync(request, cancellationToken).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return TimedOut(request);
        }
    }

    private Grade TimedOut(GradeRequest request) => Grade.Unscored(Name, Reason, request.Category);

    private static string DefaultReason(TimeSpan timeout) =>
        $"timeout: not graded within {timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s";
}
