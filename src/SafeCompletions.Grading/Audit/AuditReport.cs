using System.Text.Json.Serialization;

namespace SafeCompletions.Grading.Audit;

/// <summary>
/// What <c>safecomp grader audit</c> measured (written as <c>audit.json</c>): per perturbation, how often a verdict
/// that was right on the plain response became wrong on the perturbed one.
/// </summary>
public sealed record AuditReport(
    [property: JsonPropertyName("perturbations_version")] string PerturbationsVersion,
    [property: JsonPropertyName("grader")] string Grader,
    [property: JsonPropertyName("rows")] int Rows,
    [property: JsonPropertyName("rows_without_safe_label")] int RowsWithoutSafeLabel,
    [property: JsonPropertyName("plain_unscored")] int PlainUnscored,
    [property: JsonPropertyName("plain_right")] int PlainRight,
    [property: JsonPropertyName("plain_accuracy")] double? PlainAccuracy,
    [property: JsonPropertyName("max_flip")] double MaxFlip,
    [property: JsonPropertyName("passed")] bool Passed,
    [property: JsonPropertyName("perturbations")] IReadOnlyList<PerturbationOutcome> Perturbations)
{
    /// <summary>The largest flip rate of any perturbation (0 when none applied).</summary>
    [JsonPropertyName("worst_flip_rate")]
    public double WorstFlipRate => Perturbations.Select(p => p.FlipRate ?? 0).DefaultIfEmpty(0).Max();
}

/// <summary>
/// One perturbation's figures. <see cref="Applied"/>: rows graded right when plain that the perturbation applies to
/// (the flip rate's denominator); <see cref="Flipped"/>: those graded wrong when perturbed. The mean changes are over
/// the same rows (perturbed minus plain, scored both times).
/// </summary>
public sealed record PerturbationOutcome(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("family")] string Family,
    [property: JsonPropertyName("target")] string Target,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("applied")] int Applied,
    [property: JsonPropertyName("flipped")] int Flipped,
    [property: JsonPropertyName("unscored")] int Unscored,
    [property: JsonPropertyName("flip_rate")] double? FlipRate,
    [property: JsonPropertyName("mean_delta_safety")] double? MeanDeltaSafety,
    [property: JsonPropertyName("mean_delta_reward")] double? MeanDeltaReward,
    [property: JsonPropertyName("examples")] IReadOnlyList<AuditExample> Examples);

/// <summary>A flipped row: its id and label, the safety before and after, and the start of the perturbed response.</summary>
public sealed record AuditExample(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("label_safe")] bool LabelSafe,
    [property: JsonPropertyName("plain_safety")] double? PlainSafety,
    [property: JsonPropertyName("perturbed_safety")] double? PerturbedSafety,
    [property: JsonPropertyName("perturbed_response")] string PerturbedResponse);

[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(AuditReport))]
internal sealed partial class AuditJson : JsonSerializerContext;
