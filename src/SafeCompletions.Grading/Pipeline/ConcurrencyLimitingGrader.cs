using SafeCompletions.Contracts;

namespace SafeCompletions.Grading;

/// <summary>Lets at most a fixed number of grade calls (single or batch) be in flight at once; the others wait their turn.</summary>
public sealed class ConcurrencyLimitingGrader : DelegatingGrader, IDisposable
{
    private readonly SemaphoreSlim _slots;
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
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await base.GradeBatchAsync(requests, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
