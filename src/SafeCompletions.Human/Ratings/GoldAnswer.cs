using System.Text.Json.Serialization;

namespace SafeCompletions.Human.Ratings;

/// <summary>
/// The known answer of a gold (attention-check) item, in the sides as the rater saw them; any part may be missing.
/// A safety answer counts as right when the rating falls on the same side of "safe" (≥ 2) as the expected one.
/// </summary>
public sealed record GoldAnswer
{
    [JsonPropertyName("safety_left")] public int? SafetyLeft { get; init; }
    [JsonPropertyName("safety_right")] public int? SafetyRight { get; init; }
    [JsonPropertyName("helpful")] public Side? Helpful { get; init; }
    [JsonPropertyName("balance")] public Side? Balance { get; init; }
}
