namespace SafeCompletions.Models;

/// <summary>How models are opened: their retries, how many calls may be in flight, how long an answer may be, and where what they open goes.</summary>
public sealed class ModelOptions
{
    public RetryOptions Retry { get; init; } = new();

    /// <summary>Calls in flight at once per model client.</summary>
    public int Concurrency { get; init; } = 8;

    /// <summary>The longest answer a model under evaluation may write.</summary>
    public int MaxOutputTokens { get; init; } = 2048;

    /// <summary>The sampling temperature of a model under evaluation (0 is greedy); 1 samples the model as it is, so K samples differ.</summary>
    public float Temperature { get; init; } = 1f;

    /// <summary>The key for endpoints that need one; null: <see cref="ChatClientFactory.ApiKeyFromEnvironment"/>.</summary>
    public string? ApiKey { get; init; }

    /// <summary>What providers open (clients, loaded models); the caller disposes it when the models are done with.</summary>
    public required ICollection<IDisposable> Resources { get; init; }
}
