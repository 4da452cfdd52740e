using System.Text.Json.Serialization;

namespace SafeCompletions.Server.Wire;

/// <summary>
/// Source-generated serialization for the reward service's wire contracts. Nulls are written: an unscored result shows
/// its null reward. Every number is written as a float literal (<see cref="FloatJsonConverter"/>).
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    NumberHandling = JsonNumberHandling.Strict,
    MaxDepth = 64,
    Converters = [typeof(FloatJsonConverter)])]
[JsonSerializable(typeof(RewardsRequest))]
[JsonSerializable(typeof(RewardsResponse))]
[JsonSerializable(typeof(GetRewardRequest))]
[JsonSerializable(typeof(GetRewardResponse))]
[JsonSerializable(typeof(ErrorReply))]
[JsonSerializable(typeof(HealthReply))]
public sealed partial class ServerJson : JsonSerializerContext;
