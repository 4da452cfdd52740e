using System.Text.Json.Serialization;
using SafeCompletions.Grading;
using SafeCompletions.Statistics;

namespace SafeCompletions.Reports;

/// <summary>
/// report.json (docs/design.md, "report.json"): what the report says about the run beside metrics.json's statistics:
/// how it was made (<see cref="Run"/>), how far its grader can be trusted (<see cref="GraderAccuracy"/>) and the
/// metrics by category (counted as the rows go by, so <c>report</c>'s grouping by prompt need not keep categories).
/// Kept out of metrics.json on purpose: it holds the date, so it differs from run to run, while the same grades give
/// a byte-identical metrics.json.
/// </summary>
public sealed record RunReport(
    [property: JsonPropertyName("schema")] int Schema,
    [property: JsonPropertyName("run")] RunMetadata Run,
    [property: JsonPropertyName("grader_accuracy")] IReadOnlyList<GraderAccuracyNote> GraderAccuracy,
    [property: JsonPropertyName("categories")] IReadOnlyDictionary<string, IReadOnlyDictionary<string, CategoryMetrics>> Categories,
    [property: JsonPropertyName("human")] HumanBlock? Human = null);

/// <summary>The run's identity: command, tool version, date, inputs with their hashes, graders and specs of the grades, sizes.</summary>
public sealed record RunMetadata(
    [property: JsonPropertyName("command")] string Command,
    [property: JsonPropertyName("tool_version")] string ToolVersion,
    [property: JsonPropertyName("date")] string Date,
    [property: JsonPropertyName("prompts")] int Prompts,
    [property: JsonPropertyName("samples_per_prompt")] int? SamplesPerPrompt,
    [property: JsonPropertyName("samples_requested")] int? SamplesRequested,
    [property: JsonPropertyName("prompt_sets")] IReadOnlyList<InputFile> PromptSets,
    [property: JsonPropertyName("grade_files")] IReadOnlyList<InputFile> GradeFiles,
    [property: JsonPropertyName("graders")] IReadOnlyList<NamedCount> Graders,
    [property: JsonPropertyName("specs")] IReadOnlyList<NamedCount> Specs);

/// <summary>One grader of the grades with its card, or null when its accuracy was never measured.</summary>
public sealed record GraderAccuracyNote(
    [property: JsonPropertyName("grader")] string Grader,
    [property: JsonPropertyName("rows")] int Rows,
    [property: JsonPropertyName("card")] GraderCard? Card);

[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(RunReport))]
public sealed partial class RunReportJson : JsonSerializerContext;
