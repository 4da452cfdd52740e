using System.Text.Json.Serialization;

namespace SafeCompletions.Server.Wire;

/// <summary>The body of <c>POST /v1/rewards</c>: a batch of items, graded together.</summary>
public sealed record RewardsRequest
{
    [JsonPropertyName("items")] public IReadOnlyList<RewardItem?>? Items { get; init; }
}
