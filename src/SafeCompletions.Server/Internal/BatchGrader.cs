using System.Globalization;
using SafeCompletions.Contracts;
using SafeCompletions.Grading;

namespace SafeCompletions.Server.Internal;

/// <summary>
/// Grades a request's items in one batch call through the service's pipeline, so that concurrent items (and concurrent
/// requests) reach the grader together: the embedded encoder then fills its batches, and the LLM judge's calls run side
/// by side. The pipeline's concurrency limit lets at most the service's grade concurrency of items be in the grader at once,
/// over all requests: a batch of 16,000 items waits its turn rather than building 16,000 judge prompts at once. Its
/// timeout answers whatever is not graded when the request's time runs out unscored, reason "timeout", so a trainer
/// never hangs; a grader's fault leaves only its own item unscored.
/// </summary>
internal sealed class BatchGrader
{
    private readonly IGrader _pipeline;
    private readonly RewardMetrics _metrics;
    private readonly string _timeoutReason;

    public BatchGrader(IGrader grader, RewardMetrics metrics, TimeSpan timeout, TimeProvider time, int maxInFlight)
    {
        _metrics = metrics;
        _timeoutReason = $"timeout: not graded within the request's {timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s (--request-timeout)";
        _pipeline = grader.AsBuilder()
            .UseTimeout(timeout, _ => _timeoutReason, time)
            .UseUnscoredOnFault()
            .UseConcurrencyLimit(maxInFlight)
            .Use(inner => new MeasuredGrader(inner, metrics))
            .Build();
    }

    public string GraderName => _pipeline.Name;

    /// <summary>One grade per item, in item order. Throws only when <paramref name="aborted"/> fires (the client went away).</summary>
    public async Task<Grade[]> GradeAsync(IReadOnlyList<PendingItem> items, CancellationToken aborted)
    {
        var gradable = items.Where(item => item.Request is not null).Select(item => item.Request!).ToList();
        var graded = gradable.Count == 0 ? [] : await _pipeline.GradeBatchAsync(gradable, aborted).ConfigureAwait(false);
        aborted.ThrowIfCancellationRequested();
        var answers = new Grade[items.Count];
        for (int i = 0, next = 0; i < items.Count; i++)
        {
            answers[i] = items[i].Request is null
                ? Answer(Grade.Unscored(_pipeline.Name, items[i].Problem ?? "not gradable"), UnscoredCause.InvalidItem)
                : Answer(graded[next], graded[next++].Error == _timeoutReason ? UnscoredCause.Timeout : UnscoredCause.Grader);
        }
        return answers;
    }

    private Grade Answer(Grade grade, UnscoredCause cause)
    {
        _metrics.Answered(grade, cause);
        return grade;
    }
}
