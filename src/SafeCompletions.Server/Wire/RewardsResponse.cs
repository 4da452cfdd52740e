using System.Text.Json.Serialization;

namespace SafeCompletions.Server.Wire;

/// <summary>The reply of <c>POST /v1/rewards</c>: one result per item, in item order.</summary>
public sealed record RewardsResponse([property: JsonPropertyName("results")] IReadOnlyList<RewardResult> Results);
