namespace SafeCompletions.Caching;

/// <summary>Stores judge verdicts so grading the same rows again makes no model call.</summary>
public interface IVerdictCache
{
    /// <summary>The verdict JSON stored under <paramref name="key"/>, or null.</summary>
    Task<string?> GetAsync(string key, CancellationToken cancellationToken = default);

    Task SetAsync(string key, string rubric, string judge, string verdict, CancellationToken cancellationToken = default);
}
