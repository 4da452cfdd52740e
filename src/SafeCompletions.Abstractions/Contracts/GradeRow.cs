using System.Text.Json;
using System.Text.Json.Serialization;

namespace SafeCompletions.Contracts;

/// <summary>
/// One grade per response (docs/design.md, "Grade"). An unscored grade has <see cref="Status"/> unscored,
/// the reason in <see cref="Error"/> and null scores.
/// </summary>
public sealed record GradeRow
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("prompt_id")] public string? PromptId { get; init; }
    [JsonPropertyName("model")] public string? Model { get; init; }
    [JsonPropertyName("sample")] public int? Sample { get; init; }
    [JsonPropertyName("category")] public string? Category { get; init; }
    [JsonPropertyName("intent")] public Intent? Intent { get; init; }
    [JsonPropertyName("status")] public GradeStatus Status { get; init; }
    [JsonPropertyName("error")] public string? Error { get; init; }
    [JsonPropertyName("mode")] public ResponseMode? Mode { get; init; }
    [JsonPropertyName("safe")] public bool? Safe { get; init; }
    [JsonPropertyName("safety")] public double? Safety { get; init; }
    [JsonPropertyName("severity")] public Severity? Severity { get; init; }
    [JsonPropertyName("facilitation")] public Facilitation? Facilitation { get; init; }
    [JsonPropertyName("helpfulness")] public Helpfulness? Helpfulness { get; init; }
    [JsonPropertyName("reward")] public double? Reward { get; init; }
    [JsonPropertyName("confidence")] public double? Confidence { get; init; }
    [JsonPropertyName("grader")] public string? Grader { get; init; }
    [JsonPropertyName("spec")] public string? Spec { get; init; }
    [JsonPropertyName("rationale")] public string? Rationale { get; init; }

    /// <summary>Fields carried over from the response row that the contract does not name.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>Joins a response row's identity with the grade a grader produced for it.</summary>
    public static GradeRow From(ResponseRow row, Grade grade) => new()
    {
        Id = row.Id ?? throw new ArgumentException("A response row needs an id.", nameof(row)),
        PromptId = row.PromptId ?? row.Id,
        Model = row.Model,
        Sample = row.Sample,
        Category = grade.Category ?? row.Category,
        Intent = row.Intent,
        Status = grade.Status,
        Error = grade.Error,
        Mode = grade.Mode,
        Safe = grade.Safe,
        Safety = grade.Safety,
        Severity = grade.Severity,
        Facilitation = grade.Facilitation,
        Helpfulness = grade.Helpfulness,
        Reward = grade.Reward,
        Confidence = grade.Confidence,
        Grader = grade.Grader,
        Spec = grade.Spec,
        Rationale = grade.Rationale,
        Extra = WithInferredCategory(row.Extra, grade),
    };

    /// <summary>The names the grade contract owns; a response row's extra field of the same name is not carried over.</summary>
    private static readonly HashSet<string> ContractFields =
    [
        "id", "prompt_id", "model", "sample", "category", "intent", "status", "error", "mode", "safe", "safety", "severity",
        "facilitation", "helpfulness", "reward", "confidence", "grader", "spec", "rationale", "category_inferred",
    ];

    private static Dictionary<string, JsonElement>? WithInferredCategory(Dictionary<string, JsonElement>? extra, Grade grade)
    {
        var copy = extra?.Where(e => !ContractFields.Contains(e.Key)).ToDictionary(e => e.Key, e => e.Value);
        if (grade.CategoryInferred)
        {
            copy ??= [];
            copy["category_inferred"] = JsonSerializer.SerializeToElement(true, ContractJson.Default.Boolean);
        }
        return copy is { Count: > 0 } ? copy : null;
    }
}
