namespace SafeCompletions.Training.Generation;

/// <summary>How the next token is chosen: greedily at temperature 0, else sampled from the top-p nucleus of softmax(logits / T), from <see cref="Seed"/>.</summary>
public sealed record SamplingSettings(double Temperature, double TopP, int MaxTokens, long? Seed)
{
    public SamplingSettings Validated() =>
        Temperature is < 0 or > 100 ? throw new ArgumentOutOfRangeException(nameof(Temperature), Temperature, "temperature must be 0 to 100")
        : TopP is <= 0 or > 1 ? throw new ArgumentOutOfRangeException(nameof(TopP), TopP, "top_p must be in (0, 1]")
        : MaxTokens < 1 ? throw new ArgumentOutOfRangeException(nameof(MaxTokens), MaxTokens, "max tokens must be at least 1")
        : this;
}
