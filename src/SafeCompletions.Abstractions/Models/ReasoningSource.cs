using System.Text.Json.Serialization;

namespace SafeCompletions.Models;

/// <summary>Where a reply's chain of thought was found.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReasoningSource>))]
public enum ReasoningSource
{
    /// <summary>The <c>reasoning_content</c> field of the reply (vLLM reasoning parsers, DeepSeek).</summary>
    [JsonStringEnumMemberName("reasoning_content")] ReasoningContent,

    /// <summary>A <c>&lt;think&gt;…&lt;/think&gt;</c> block at the start of the text (or text before a lone <c>&lt;/think&gt;</c>).</summary>
    [JsonStringEnumMemberName("think_tag")] ThinkTag,
}
