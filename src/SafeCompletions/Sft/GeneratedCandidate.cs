using System.Text.Json.Serialization;

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

/// <summary>Where a candidate's chain of thought was found.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReasoningSource>))]
public enum ReasoningSource
{
    /// <summary>The <c>reasoning_content</c> field of the reply (vLLM reasoning parsers, DeepSeek).</summary>
    [JsonStringEnumMemberName("reasoning_content")] ReasoningContent,

    /// <summary>A <c>&lt;think&gt;…&lt;/think&gt;</c> block at the start of the text (or text before a lone <c>&lt;/think&gt;</c>).</summary>
    [JsonStringEnumMemberName("think_tag")] ThinkTag,
}
