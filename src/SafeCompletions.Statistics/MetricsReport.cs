using System.Text.Json.Serialization;

namespace SafeCompletions.Statistics;

/// <summary>metrics.json (docs/design.md): per model and intent the paper's metrics, and the paired comparisons of every two models.</summary>
public sealed record MetricsReport(
    [property: JsonPropertyName("schema")] int Schema,
    [property: JsonPropertyName("models")] IReadOnlyDictionary<string, IReadOnlyDictionary<string, IntentMetrics>> Models,
    [property: JsonPropertyName("comparisons")] IReadOnlyList<Comparison> Comparisons,
    [property: JsonPropertyName("statistics")] StatisticsSettings Statistics)
{
    /// <summary>Distinct prompts among the grades, over every model (a model's own count is its "all" block's <c>prompts</c>).</summary>
    [JsonPropertyName("prompts")]
    public int Prompts { get; init; }
}

/// <summary>How the intervals and p-values were computed, so a reader can reproduce them.</summary>
public sealed record StatisticsSettings(
    [property: JsonPropertyName("bootstrap_resamples")] int BootstrapResamples,
    [property: JsonPropertyName("permutations")] int Permutations,
    [property: JsonPropertyName("seed")] int Seed,
    [property: JsonPropertyName("interval")] string Interval,
    [property: JsonPropertyName("test")] string Test);

[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(MetricsReport))]
public sealed partial class ReportJson : JsonSerializerContext;
