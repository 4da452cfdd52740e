using SafeCompletions.Contracts;

namespace SafeCompletions.Grading;

/// <summary>
/// Lets at most a fixed number of requests be in the inner grader at once, however they come: a single call takes one
/// slot, a batch one slot per request (a batch larger than the limit is graded that many requests at a time), so a
/// batch of 16,000 items waits its turn instead of building 16,000 judge prompts at once.
/// </summary>
public sealed class ConcurrencyLimitingGrader : DelegatingGrader, IDisposable
{
    private readonly SemaphoreSlim _slots;
    // A batch takes its slots under this gate, one batch at a time, so two batches never hold part of what each needs.
    private readonly SemaphoreSlim _taking = new(1, 1);
    private readonly int _maxConcurrency;

    public ConcurrencyLimitingGrader(IGrader innerGrader, int maxConcurrency)
        : base(innerGrader)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrency, 1);
        _maxConcurrency = maxConcurrency;
        _slots = new SemaphoreSlim(maxConcurrency, maxConcurrency);
    }

    /// <inheritdoc/>
    public override GraderTraits Traits => base.Traits with
    {
        PreferredConcurrency = Math.Min(base.Traits.PreferredConcurrency ?? _maxConcurrency, _maxConcurrency),
        PreferredBatchSize = Math.Min(base.Traits.PreferredBatchSize, _maxConcurrency),
    };

    /// <inheritdoc/>
    public override async Task<Grade> GradeAsync(GradeRequest request, CancellationToken cancellationToken = default)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await base.GradeAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <inheritdoc/>
    public override async Task<IReadOnlyList<Grade>> GradeBatchAsync(IReadOnlyList<GradeRequest> requests, CancellationToken cancellationToken = default)
    {
        var grades = new List<Grade>(requests.Count);
        foreach (var chunk in requests.Chunk(_maxConcurrency))
        {
            await TakeAsync(chunk.Length, cancellationToken).ConfigureAwait(false);
            try
            {
                grades.AddRange(await base.GradeBatchAsync(chunk, cancellationToken).ConfigureAwait(false));
            }
            finally
            {
                _slots.Release(chunk.Length);
            }
        }
        return grades;
    }

    public void Dispose()
    {
        _slots.Dispose();
        _taking.Dispose();
    }

    private async Task TakeAsync(int count, CancellationToken cancellationToken)
    {
        await _taking.WaitAsync(cancellationToken).ConfigureAwait(false);
        var taken = 0;
        try
        {
            for (; taken < count; taken++)
            {
                await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            if (taken > 0)
            {
                _slots.Release(taken);
            }
            throw;
        }
        finally
        {
            _taking.Release();
        }
    }
}
