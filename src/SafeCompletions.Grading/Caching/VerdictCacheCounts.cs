namespace SafeCompletions.Caching;

/// <summary>How many verdict-cache lookups found a verdict and how many did not (thread-safe; read by metrics).</summary>
public sealed class VerdictCacheCounts
{
    private long _hits;
    private long _misses;

    public long Hits => Interlocked.Read(ref _hits);

    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>Wraps a cache so that its lookups are counted here.</summary>
    public IVerdictCache Observe(IVerdictCache cache) => new CountingVerdictCache(cache, this);

    internal void Add(bool hit) => Interlocked.Increment(ref hit ? ref _hits : ref _misses);
}
