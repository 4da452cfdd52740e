using System.Text.Json.Serialization;

namespace SafeCompletions.Contracts;

/// <summary>The intent label of a prompt, as in the paper's evaluation split.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Intent>))]
public enum Intent
{
    [JsonStringEnumMemberName("benign")] Benign,
    [JsonStringEnumMemberName("dual_use")] DualUse,
    [JsonStringEnumMemberName("malicious")] Malicious,
}
