using SafeCompletions.Caching;

namespace SafeCompletions.Server;

/// <summary>
/// How the reward service listens and what it accepts. Defaults are safe and fit what trainers send: loopback only;
/// bodies up to 256 MiB and 16,384 items, since OpenRLHF up to 0.9 sends a whole rollout batch in one request
/// (rollout batch size × samples per prompt: 1,024 to 8,192 in its examples, each prompt and response a few KB); 120 s.
/// </summary>
public sealed class RewardServerOptions
{
    /// <summary>The default address: this machine only.</summary>
    public const string DefaultUrls = "http://127.0.0.1:8080";

    /// <summary>Where to listen (<see cref="ListenAddress.ParseList"/> syntax).</summary>
    public string Urls { get; init; } = DefaultUrls;

    /// <summary>When set, every request but <c>/healthz</c> needs <c>Authorization: Bearer KEY</c>.</summary>
    public string? ApiKey { get; init; }

    /// <summary>The default <see cref="MaxBodyBytes"/>: 256 MiB.</summary>
    public const long DefaultMaxBodyBytes = 256L * 1024 * 1024;

    /// <summary>The default <see cref="MaxItems"/>.</summary>
    public const int DefaultMaxItems = 16_384;

    /// <summary>Bodies larger than this get 413.</summary>
    public long MaxBodyBytes { get; init; } = DefaultMaxBodyBytes;

    /// <summary>Requests with more items (or queries) than this get 413.</summary>
    public int MaxItems { get; init; } = DefaultMaxItems;

    /// <summary>
    /// How many items are in the grader at once, over all requests (the rest wait their turn, their request's time
    /// running): what grading holds in memory stays bounded however large a batch is.
    /// </summary>
    public int GradeConcurrency { get; init; } = Grading.GradeConcurrency.Batching;

    /// <summary>
    /// How long one request's grading may take; items not graded by then come back unscored with reason "timeout", so
    /// a trainer is never left hanging. OpenRLHF's client gives up after 180 s, so the default answers well before.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// What <c>/get_reward</c> answers for an item that could not be graded (OpenRLHF needs a number for every query;
    /// the item is flagged 1.0 in <c>extra_logs.unscored</c> whatever this is). From -1 to 1; default 0.0, the reward
    /// of a worthless response.
    /// </summary>
    public double UnscoredReward { get; init; }

    /// <summary>Serve on a non-loopback address without an API key (off: that is refused).</summary>
    public bool AllowRemoteWithoutKey { get; init; }

    /// <summary>The spec categories; an OpenRLHF label that names one becomes the item's category.</summary>
    public IReadOnlySet<string> Categories { get; init; } = new HashSet<string>();

    /// <summary>The verdict cache's hit and miss counts, exported as metrics when the grader has a cache.</summary>
    public VerdictCacheCounts? CacheCounts { get; init; }

    /// <summary>
    /// The text encoder's running totals (texts encoded, encoder calls), exported as metrics when the grader has one,
    /// so that how well concurrent requests fill the encoder's batches can be watched: texts / calls is the mean batch.
    /// </summary>
    public Func<(long Texts, long Batches)>? EncoderCounts { get; init; }

    /// <summary>The clock of the request timeout (tests pass a fake one).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The parsed addresses; throws <see cref="FormatException"/> naming the option at fault.</summary>
    public IReadOnlyList<ListenAddress> Validate()
    {
        if (MaxBodyBytes < 1024)
        {
            throw new FormatException($"--max-body-bytes must be at least 1024, not {MaxBodyBytes}");
        }
        if (MaxItems < 1)
        {
            throw new FormatException($"--max-items must be at least 1, not {MaxItems}");
        }
        if (GradeConcurrency < 1)
        {
            throw new FormatException($"the grade concurrency must be at least 1, not {GradeConcurrency}");
        }
        if (RequestTimeout <= TimeSpan.Zero)
        {
            throw new FormatException($"--request-timeout must be positive, not {RequestTimeout.TotalSeconds} s");
        }
        if (!double.IsFinite(UnscoredReward) || UnscoredReward is < -1 or > 1)
        {
            throw new FormatException($"--unscored-reward must be a number from -1 to 1 (rewards are 0 to 1), not {UnscoredReward.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }
        if (ApiKey is { } key && (key.Length == 0 || key.Any(char.IsWhiteSpace)))
        {
            throw new FormatException("the API key is empty or holds white space");
        }
        var addresses = ListenAddress.ParseList(Urls);
        if (ApiKey is null && !AllowRemoteWithoutKey && addresses.FirstOrDefault(a => !a.IsLoopback) is { } open)
        {
            throw new FormatException(
                $"--urls {open.Url} is reachable from other machines and there is no --api-key-file: anyone who can connect could use the grader. " +
                "Give --api-key-file FILE, or --allow-remote-without-key if the network is private.");
        }
        return addresses;
    }
}
