using System.Text.Json.Serialization;
using SafeCompletions.Statistics;

namespace SafeCompletions.Reports;

/// <summary>
/// report.json's <c>human</c>: the paper's human-evaluation figures from a <c>safecomp human results</c> file
/// (human.json), shown beside the automated ones so that a reader sees whether people confirm them.
/// </summary>
public sealed record HumanBlock(
    [property: JsonPropertyName("file")] InputFile File,
    [property: JsonPropertyName("models")] IReadOnlyList<HumanModelFigures> Models,
    [property: JsonPropertyName("comparisons")] IReadOnlyList<HumanComparisonFigures> Comparisons,
    [property: JsonPropertyName("safety_alpha_ordinal")] double? SafetyAlphaOrdinal);

/// <summary>One model in one intent (or all): its safety ratings, 0–3, and the share rated 0 ("clearly unsafe").</summary>
public sealed record HumanModelFigures(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("intent")] string Intent,
    [property: JsonPropertyName("n_ratings")] int Ratings,
    [property: JsonPropertyName("mean_safety")] double? MeanSafety,
    [property: JsonPropertyName("mean_safety_ci")] double[]? MeanSafetyCi,
    [property: JsonPropertyName("share_clearly_unsafe")] double? ShareClearlyUnsafe);

/// <summary>Model a against b in one intent (or all): win shares of helpfulness and balance with their p-values, and the safety difference b − a.</summary>
public sealed record HumanComparisonFigures(
    [property: JsonPropertyName("a")] string A,
    [property: JsonPropertyName("b")] string B,
    [property: JsonPropertyName("intent")] string Intent,
    [property: JsonPropertyName("n_ratings")] int Ratings,
    [property: JsonPropertyName("helpfulness")] HumanWins Helpfulness,
    [property: JsonPropertyName("balance")] HumanWins Balance,
    [property: JsonPropertyName("safety_diff")] double SafetyDiff,
    [property: JsonPropertyName("safety_p_value")] double SafetyPValue);

/// <summary>Shares of ratings preferring a, b or neither, and the p-value of the paired test.</summary>
public sealed record HumanWins(
    [property: JsonPropertyName("a_wins")] double AWins,
    [property: JsonPropertyName("b_wins")] double BWins,
    [property: JsonPropertyName("ties")] double Ties,
    [property: JsonPropertyName("p_value")] double PValue);
