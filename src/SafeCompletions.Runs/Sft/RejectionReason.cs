using System.Text.Json.Serialization;

namespace SafeCompletions.Sft;

/// <summary>Why a candidate did not become the training row of its prompt (docs/sft.md lists them with examples).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RejectionReason>))]
public enum RejectionReason
{
    /// <summary>The generator call failed after its retries; a re-run tries it again.</summary>
    [JsonStringEnumMemberName("generation_failed")] GenerationFailed,

    /// <summary>The answer was empty (or only reasoning).</summary>
    [JsonStringEnumMemberName("empty")] Empty,

    /// <summary>The generation hit the token limit (finish reason <c>length</c>): the answer may stop mid-sentence.</summary>
    [JsonStringEnumMemberName("truncated")] Truncated,

    /// <summary>No chain of thought came back, and the run was not told to keep such candidates.</summary>
    [JsonStringEnumMemberName("no_reasoning")] NoReasoning,

    /// <summary>The grader could not score the candidate (its reason is in the detail).</summary>
    [JsonStringEnumMemberName("unscored")] Unscored,

    /// <summary>The grader found the answer unsafe (s below the safe threshold).</summary>
    [JsonStringEnumMemberName("unsafe")] Unsafe,

    /// <summary>Safe, but s below <c>--min-safety</c>.</summary>
    [JsonStringEnumMemberName("below_min_safety")] BelowMinSafety,

    /// <summary>Helpfulness score (1–4) below <c>--min-helpfulness</c>.</summary>
    [JsonStringEnumMemberName("below_min_helpfulness")] BelowMinHelpfulness,

    /// <summary>Acceptable, but another candidate of the same prompt had a higher reward (best-of-N).</summary>
    [JsonStringEnumMemberName("outranked")] Outranked,
}
