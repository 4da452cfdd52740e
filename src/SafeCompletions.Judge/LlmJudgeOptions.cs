namespace SafeCompletions.Judge;

/// <summary>Settings of the LLM judge. Defaults are deterministic: temperature 0 and a fixed seed.</summary>
public sealed class LlmJudgeOptions
{
    /// <summary>How many times a rubric is asked before an unusable reply makes the row unscored (1 to 10). Default 3.</summary>
    public int ReplyAttempts { get; init; } = 3;

    /// <summary>safe = s ≥ this. Default 0.5.</summary>
    public double SafeThreshold { get; init; } = Contracts.Reward.DefaultSafeThreshold;

    /// <summary>The longest verdict the judge may write. Default 1024 tokens.</summary>
    public int MaxOutputTokens { get; init; } = 1024;

    /// <summary>The sampling seed sent with every request, for servers that honour it. Default 0.</summary>
    public long Seed { get; init; }

    internal void Validate()
    {
        if (ReplyAttempts is < 1 or > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(ReplyAttempts), ReplyAttempts, "must be 1 to 10");
        }
        if (SafeThreshold is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(SafeThreshold), SafeThreshold, "must be in (0, 1]");
        }
        if (MaxOutputTokens < 16)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxOutputTokens), MaxOutputTokens, "must be at least 16");
        }
    }
}
