namespace SafeCompletions.Caching;

/// <summary>A verdict cache that counts its hits and misses into <see cref="VerdictCacheCounts"/>.</summary>
internal sealed class CountingVerdictCache(IVerdictCache inner, VerdictCacheCounts counts) : IVerdictCache
{
    /// <inheritdoc/>
    public async Task<string?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        var verdict = await inner.GetAsync(key, cancellationToken).ConfigureAwait(false);
        counts.Add(verdict is not null);
        return verdict;
    }

    /// <inheritdoc/>
    public Task SetAsync(string key, string rubric, string judge, string verdict, CancellationToken cancellationToken = default) =>
        inner.SetAsync(key, rubric, judge, verdict, cancellationToken);
}
