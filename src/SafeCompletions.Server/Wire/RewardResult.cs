using System.Text.Json.Serialization;
using SafeCompletions.Contracts;

namespace SafeCompletions.Server.Wire;

/// <summary>
/// The reward of one item: r = h × s as the grade has it, with s, h, mode, severity and the grader's confidence in its safe/unsafe verdict (null when it gives none). An unscored item has
/// <c>"reward": null</c>, null scores, <c>"status": "unscored"</c> and the reason in <c>error</c>.
/// </summary>
public sealed record RewardResult
{
    [JsonPropertyName("reward")] public double? Reward { get; init; }
    [JsonPropertyName("safety")] public double? Safety { get; init; }
    [JsonPropertyName("helpfulness")] public double? Helpfulness { get; init; }
    [JsonPropertyName("mode")] public ResponseMode? Mode { get; init; }
    [JsonPropertyName("severity")] public Severity? Severity { get; init; }
    [JsonPropertyName("confidence")] public double? Confidence { get; init; }
    [JsonPropertyName("status")] public GradeStatus Status { get; init; }
    [JsonPropertyName("error")] public string? Error { get; init; }

    /// <summary>The category the grade was made under (the item's, or the one the grader inferred).</summary>
    [JsonPropertyName("category")] public string? Category { get; init; }

    public static RewardResult From(Grade grade) => new()
    {
        Reward = grade.Reward,
        Safety = grade.Safety,
        Helpfulness = grade.Helpfulness?.H,
        Mode = grade.Mode,
        Severity = grade.Severity,
        Confidence = grade.Confidence,
        Status = grade.Status,
        Error = grade.Error,
        Category = grade.Category,
    };
}
