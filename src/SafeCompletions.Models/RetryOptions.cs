namespace SafeCompletions.Models;

/// <summary>How model calls are retried: 429 (honouring Retry-After), 5xx and timeouts, a bounded number of times.</summary>
public sealed class RetryOptions
{
    /// <summary>Retries after the first attempt (0 to 20). Default 4.</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>The first back-off delay when the server names none; doubles each retry, with jitter. Default 1 s.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest back-off delay. Default 30 s.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest Retry-After the client will honour; a longer one is cut to this. Default 60 s.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long one attempt may take before it counts as timed out and is retried. Default 120 s.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Called before each retry with the attempt number, the delay and the reason (for progress and logs).</summary>
    public Action<RetryNotice>? OnRetry { get; init; }

    internal void Validate()
    {
        if (MaxRetries is < 0 or > 20)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRetries), MaxRetries, "must be 0 to 20");
        }
        if (BaseDelay < TimeSpan.Zero || MaxDelay < BaseDelay || MaxRetryAfter < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(BaseDelay), "delays must be 0 or more, and MaxDelay at least BaseDelay");
        }
        if (AttemptTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(AttemptTimeout), AttemptTimeout, "must be positive");
        }
    }
}
