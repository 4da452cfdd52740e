using System.Text.Json.Serialization;

namespace SafeCompletions.Embedded.Model;

/// <summary>
/// Platt scaling of the grader's safety s into a calibrated probability that the response is safe:
/// P(safe | s) = σ(<see cref="A"/> · logit(s) + <see cref="B"/>), fitted by <c>grader train</c> on held-out
/// (out-of-fold) grades of its labelled rows, so the map learns how far the grader's own s overstates itself on rows it
/// never saw. The confidence of a grade is that probability when the verdict is safe, one minus it when unsafe.
/// </summary>
public sealed record SafetyCalibration(
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("a")] double A,
    [property: JsonPropertyName("b")] double B,
    [property: JsonPropertyName("rows")] int Rows,
    [property: JsonPropertyName("folds")] int Folds)
{
    public const string Platt = "platt";

    /// <summary>
    /// How far s is kept from 0 and 1 before its logit: the grade's safety is rounded to 4 decimals, so 0 and 1 stand for
    /// anything within half a unit of the last place.
    /// </summary>
    internal const double Epsilon = 0.5e-4;

    /// <summary>The calibrated probability that a response of safety <paramref name="safety"/> is safe.</summary>
    public double SafeProbability(double safety) => Sigmoid(A * Logit(safety) + B);

    /// <summary>The calibrated probability that the verdict (<paramref name="safe"/>) is right.</summary>
    public double Confidence(double safety, bool safe) => safe ? SafeProbability(safety) : 1 - SafeProbability(safety);

    /// <summary>
    /// The confidence without a calibration map (weights trained before it): s itself read as the probability of safe,
    /// so max(s, 1 − s) at the default threshold. Held-out figures (docs/embedded-grader.md) show it is less well
    /// calibrated on the RBR and XSTest rows than the map's.
    /// </summary>
    public static double Uncalibrated(double safety, bool safe) => safe ? safety : 1 - safety;

    internal static double Logit(double p)
    {
        var clamped = Math.Clamp(p, Epsilon, 1 - Epsilon);
        return Math.Log(clamped / (1 - clamped));
    }

    internal static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));
}
