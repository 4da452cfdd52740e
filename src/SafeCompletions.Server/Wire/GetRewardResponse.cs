using System.Text.Json.Serialization;

namespace SafeCompletions.Server.Wire;

/// <summary>
/// The reply of <c>POST /get_reward</c>. OpenRLHF needs a number for every query, so an unscored item gets 0.0 in
/// <c>rewards</c> and <c>scores</c> and 1.0 in <c>extra_logs.unscored</c>; every <c>extra_logs</c> entry is a list
/// with one number per query, as OpenRLHF logs them per sample.
/// </summary>
public sealed record GetRewardResponse(
    [property: JsonPropertyName("rewards")] IReadOnlyList<double> Rewards,
    [property: JsonPropertyName("scores")] IReadOnlyList<double> Scores,
    [property: JsonPropertyName("extra_logs")] IReadOnlyDictionary<string, IReadOnlyList<double>> ExtraLogs);
