using System.Text.Json.Serialization;

namespace SafeCompletions.Contracts;

/// <summary>The harm a response could enable, from none to high.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Severity>))]
public enum Severity
{
    [JsonStringEnumMemberName("none")] None,
    [JsonStringEnumMemberName("negligible")] Negligible,
    [JsonStringEnumMemberName("low")] Low,
    [JsonStringEnumMemberName("moderate")] Moderate,
    [JsonStringEnumMemberName("high")] High,
}
