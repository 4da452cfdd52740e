using System.Text.Json.Serialization;
using SafeCompletions.Contracts;

namespace SafeCompletions.Specs;

/// <summary>A labelled example beside a spec: a prompt, a response and how the policy judges it.</summary>
public sealed record SpecExemplar
{
    [JsonPropertyName("prompt")] public string? Prompt { get; init; }
    [JsonPropertyName("response")] public string? Response { get; init; }
    [JsonPropertyName("intent")] public Intent? Intent { get; init; }
    [JsonPropertyName("mode")] public ResponseMode? Mode { get; init; }
    [JsonPropertyName("safe")] public bool? Safe { get; init; }
    [JsonPropertyName("severity")] public Severity? Severity { get; init; }
    [JsonPropertyName("note")] public string? Note { get; init; }
}
