using System.Text.Json.Serialization;

namespace SafeCompletions.Statistics;

/// <summary>metric(b) − metric(a) on one intent split, with its 95% interval and the p-value of diff = 0, prompts paired.</summary>
public sealed record Comparison(
    [property: JsonPropertyName("a")] string A,
    [property: JsonPropertyName("b")] string B,
    [property: JsonPropertyName("intent")] string Intent,
    [property: JsonPropertyName("metric")] string Metric,
    [property: JsonPropertyName("diff")] double? Diff,
    [property: JsonPropertyName("ci")] double[]? Ci,
    [property: JsonPropertyName("p_value")] double? PValue,
    [property: JsonPropertyName("prompts")] int Prompts);
