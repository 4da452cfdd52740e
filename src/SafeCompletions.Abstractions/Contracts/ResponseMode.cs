using System.Text.Json.Serialization;

namespace SafeCompletions.Contracts;

/// <summary>How a response treats the request: the method's three modes plus the bare refusal it moves away from.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ResponseMode>))]
public enum ResponseMode
{
    /// <summary>The full, detailed answer.</summary>
    [JsonStringEnumMemberName("direct")] Direct,

    /// <summary>High-level, non-operational help.</summary>
    [JsonStringEnumMemberName("safe_completion")] SafeCompletion,

    /// <summary>A courteous decline with a rationale and constructive alternatives.</summary>
    [JsonStringEnumMemberName("refusal_with_redirect")] RefusalWithRedirect,

    /// <summary>A bare "I can't help with that".</summary>
    [JsonStringEnumMemberName("hard_refusal")] HardRefusal,
}
