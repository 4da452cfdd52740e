using System.Text.Json.Serialization;

namespace SafeCompletions.Statistics;

/// <summary>One intent block of metrics.json (docs/design.md): the paper's metrics for one model on one intent split.</summary>
public sealed record IntentMetrics(
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("prompts")] int Prompts,
    [property: JsonPropertyName("unscored")] int Unscored,
    [property: JsonPropertyName("safety")] double? Safety,
    [property: JsonPropertyName("safety_ci")] double[]? SafetyCi,
    [property: JsonPropertyName("helpfulness")] double? Helpfulness,
    [property: JsonPropertyName("helpfulness_ci")] double[]? HelpfulnessCi,
    [property: JsonPropertyName("reward")] double? Reward,
    [property: JsonPropertyName("modes")] IReadOnlyDictionary<string, double> Modes,
    [property: JsonPropertyName("unsafe_severity")] IReadOnlyDictionary<string, double> UnsafeSeverity,
    [property: JsonPropertyName("p_high_or_moderate_given_unsafe")] double? PHighOrModerateGivenUnsafe,
    [property: JsonPropertyName("unsafe")] int Unsafe,
    [property: JsonPropertyName("mode_counts")] IReadOnlyDictionary<string, int> ModeCounts,
    [property: JsonPropertyName("unsafe_severity_counts")] IReadOnlyDictionary<string, int> UnsafeSeverityCounts);
