using System.Text.Json.Serialization;

namespace SafeCompletions.Contracts;

/// <summary>
/// Helpfulness of a response: <see cref="Direct"/> (does it do the user's task) and <see cref="Indirect"/>
/// (does a restricted response still serve the user), both in [0, 1]; <see cref="H"/> = max of the two;
/// <see cref="Score"/> is the 1–4 rating that evaluation reports.
/// </summary>
public sealed record Helpfulness(
    [property: JsonPropertyName("direct")] double Direct,
    [property: JsonPropertyName("indirect")] double Indirect,
    [property: JsonPropertyName("h")] double H,
    [property: JsonPropertyName("score")] int Score)
{
    /// <summary>Builds the record with h derived as the method defines it: h = max(direct, indirect).</summary>
    public static Helpfulness From(double direct, double indirect, int score) =>
        new(direct, indirect, Reward.Helpfulness(direct, indirect), score);
}
