using System.Text.Json.Serialization;
using SafeCompletions.Models;

namespace SafeCompletions.Sft;

/// <summary>
/// One generation for a prompt: the final answer, the chain of thought and where it came from, and how the generation
/// ended. A call that failed after its retries has <see cref="Error"/> and nothing else.
/// </summary>
public sealed record GeneratedCandidate(
    [property: JsonPropertyName("answer")] string? Answer,
    [property: JsonPropertyName("reasoning")] string? Reasoning,
    [property: JsonPropertyName("reasoning_source")] ReasoningSource? ReasoningSource,
    [property: JsonPropertyName("finish_reason")] string? FinishReason,
    [property: JsonPropertyName("error")] string? Error)
{
    public static GeneratedCandidate Failed(string error) => new(null, null, null, null, error);
}
