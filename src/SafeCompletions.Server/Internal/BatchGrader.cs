using System.Diagnostics;
using System.Globalization;
using SafeCompletions.Contracts;
using SafeCompletions.Grading;

namespace SafeCompletions.Server.Internal;

/// <summary>
/// Grades a request's items together, so that concurrent items (and concurrent requests) reach the grader together:
/// the embedded encoder's micro-batcher then fills its batches, and the LLM judge's calls run side by side. At most
/// <paramref name="maxInFlight"/> items are in the grader at once, over all requests: a batch of 16,000 items waits its
/// turn rather than building 16,000 judge prompts at once. Whatever is not graded when the request's time runs out is
/// answered unscored with reason "timeout", so a trainer never hangs.
/// </summary>
internal sealed class BatchGrader(IGrader grader, RewardMetrics metrics, TimeSpan timeout, TimeProvider time, int maxInFlight)
{
    // Never disposed: a SemaphoreSlim whose wait handle is never asked for holds nothing to release.
    private readonly SemaphoreSlim _slots = new(maxInFlight, maxInFlight);

    public string GraderName => grader.Name;

    /// <summary>One grade per item, in item order. Throws only when <paramref name="aborted"/> fires (the client went away).</summary>
    public async Task<Grade[]> GradeAsync(IReadOnlyList<PendingItem> items, CancellationToken aborted)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, aborted);
        var grades = await Task.WhenAll(items.Select(item => GradeOneAsync(item, deadline, linked.Token))).ConfigureAwait(false);
        aborted.ThrowIfCancellationRequested();
        return grades;
    }

    private async Task<Grade> GradeOneAsync(PendingItem item, CancellationTokenSource deadline, CancellationToken cancellationToken)
    {
        if (item.Request is not { } request)
        {
            return Answer(Grade.Unscored(grader.Name, item.Problem ?? "not gradable"), UnscoredCause.InvalidItem);
        }
        var slot = false;
        try
        {
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            slot = true;
            var started = Stopwatch.GetTimestamp();
            // WaitAsync: a grader that ignores cancellation still cannot hold the reply past the deadline.
            var grade = await grader.GradeAsync(request, cancellationToken).WaitAsync(cancellationToken).ConfigureAwait(false);
            metrics.Graded(Stopwatch.GetElapsedTime(started));
            return Answer(grade, UnscoredCause.Grader);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            var seconds = timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            return Answer(Grade.Unscored(grader.Name, $"timeout: not graded within the request's {seconds} s (--request-timeout)", request.Category), UnscoredCause.Timeout);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // IGrader promises never to throw for a bad row; if one does anyway, the item fails alone, as data.
            return Answer(Grade.Unscored(grader.Name, $"grader fault: {exception.GetType().Name}: {exception.Message}", request.Category), UnscoredCause.Grader);
        }
        finally
        {
            if (slot)
            {
                _slots.Release();
            }
        }
    }

    private Grade Answer(Grade grade, UnscoredCause cause)
    {
        metrics.Answered(grade, cause);
        return grade;
    }
}
