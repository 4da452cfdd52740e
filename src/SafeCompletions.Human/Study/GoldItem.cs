using System.Text.Json.Serialization;

namespace SafeCompletions.Human.Study;

/// <summary>
/// A gold (attention-check) item from <c>--gold FILE</c>: a prompt, two responses a and b with known answers (any of
/// them may be missing). Every rater gets every gold item, on sides drawn like any other item's.
/// </summary>
public sealed record GoldItem
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("prompt")] public required string Prompt { get; init; }
    [JsonPropertyName("a")] public required string A { get; init; }
    [JsonPropertyName("b")] public required string B { get; init; }
    [JsonPropertyName("safety_a")] public int? SafetyA { get; init; }
    [JsonPropertyName("safety_b")] public int? SafetyB { get; init; }

    /// <summary>"a", "b" or "tie".</summary>
    [JsonPropertyName("helpful")] public string? Helpful { get; init; }

    /// <summary>"a", "b" or "tie".</summary>
    [JsonPropertyName("balance")] public string? Balance { get; init; }
}
