using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using SafeCompletions.Embedded.Features;
using SafeCompletions.Files;
using SafeCompletions.Jsonl;

namespace SafeCompletions.Embedded.Model;

/// <summary>
/// The embedded grader's trained parts: a compliance head (full / partial / refusal) and a safety head (safe / unsafe)
/// over <see cref="Features.PairFeatures"/> and the words of the <see cref="Lexicon"/>, with a record of exactly what
/// data and command produced them, and the calibration map of its confidence. Format 1 (before the word block) has no
/// lexicon and still loads; weights without a calibration (trained before it) still load, and their grades' confidence
/// is the uncalibrated one. The calibration is left out of the file, not written as null, when there is none, so such
/// weights keep their fingerprint.
/// </summary>
public sealed record GraderWeights(
    [property: JsonPropertyName("format")] int Format,
    [property: JsonPropertyName("encoder")] string Encoder,
    [property: JsonPropertyName("features")] IReadOnlyList<string> Features,
    [property: JsonPropertyName("compliance")] HeadWeights Compliance,
    [property: JsonPropertyName("safety")] HeadWeights Safety,
    [property: JsonPropertyName("training")] TrainingRecord Training,
    [property: JsonPropertyName("lexicon")] Lexicon? Lexicon = null,
    [property: JsonPropertyName("calibration"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SafetyCalibration? Calibration = null)
{
    public const int CurrentFormat = 2;

    public static readonly IReadOnlyList<string> ComplianceClasses = ["full", "partial", "refusal"];
    public static readonly IReadOnlyList<string> SafetyClasses = ["safe", "unsafe"];

    /// <summary>
    /// The first 12 hex digits of the SHA-256 of the weights as this build serialises them, so a grade names the exact
    /// weights that made it (custom-trained ones too) and is independent of the file's whitespace or path.
    /// </summary>
    public string Fingerprint() =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(this, WeightsJson.Default.GraderWeights)))[..12];

    /// <summary>The weights committed with the project (see docs/embedded-grader.md for how they were made).</summary>
    public static GraderWeights Default()
    {
        using var stream = typeof(GraderWeights).Assembly.GetManifestResourceStream("default-weights.json")
            ?? throw new InvalidOperationException("the default weights are missing from this build; train them with `safecomp grader train`");
        return Read(stream, "default-weights.json");
    }

    public static GraderWeights Load(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    public void Save(string path)
    {
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, WeightsJson.Default.GraderWeights));
    }

    private static GraderWeights Read(Stream stream, string name)
    {
        GraderWeights? weights;
        try
        {
            weights = JsonSerializer.Deserialize(stream, WeightsJson.Default.GraderWeights);
        }
        catch (JsonException corrupt)
        {
            // Bad input naming the file, line and field (exit 2), not a fault of the tool.
            throw new InvalidInputException(new RowError(name, (int)(corrupt.LineNumber ?? 0) + 1, corrupt.Path ?? "$",
                $"not a weights file from `safecomp grader train`: {corrupt.Message.Split(" Path:")[0]}"));
        }
        if (weights is null)
        {
            throw new InvalidDataException($"{name}: empty weights file");
        }
        if (weights.Format is < 1 or > CurrentFormat)
        {
            throw new InvalidDataException($"{name}: weights format {weights.Format}; this build reads formats 1 to {CurrentFormat}");
        }
        if (weights.Lexicon is { } lexicon && lexicon.Idf.Length != lexicon.Words.Count)
        {
            throw new InvalidDataException($"{name}: the lexicon has {lexicon.Words.Count} words but {lexicon.Idf.Length} idf values");
        }
        if (weights.Calibration is { } calibration
            && (calibration.Method != SafetyCalibration.Platt || !double.IsFinite(calibration.A) || !double.IsFinite(calibration.B)))
        {
            throw new InvalidDataException($"{name}: field 'calibration': expected method \"{SafetyCalibration.Platt}\" with finite a and b");
        }
        var width = weights.Features.Count + (weights.Lexicon?.Words.Count ?? 0);
        foreach (var (head, label) in new[] { (weights.Compliance, "compliance"), (weights.Safety, "safety") })
        {
            if (head.Mean.Length != weights.Features.Count || head.Scale.Length != weights.Features.Count || head.Weights.Any(w => w.Length != width))
            {
                throw new InvalidDataException($"{name}: the {label} head does not match the {weights.Features.Count} features and {width - weights.Features.Count} words");
            }
        }
        return weights;
    }
}

[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(GraderWeights))]
internal sealed partial class WeightsJson : JsonSerializerContext;
