using System.Text.Json.Serialization;

namespace SafeCompletions.Server.Wire;

/// <summary>Source-generated serialization for the reward service's wire contracts. Nulls are written: an unscored result shows its null reward.</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    NumberHandling = JsonNumberHandling.Strict,
    MaxDepth = 64)]
[JsonSerializable(typeof(RewardsRequest))]
[JsonSerializable(typeof(RewardsResponse))]
[JsonSerializable(typeof(GetRewardRequest))]
[JsonSerializable(typeof(GetRewardResponse))]
[JsonSerializable(typeof(ErrorReply))]
[JsonSerializable(typeof(HealthReply))]
public sealed partial class ServerJson : JsonSerializerContext;
