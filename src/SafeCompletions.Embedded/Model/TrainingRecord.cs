using System.Text.Json.Serialization;

namespace SafeCompletions.Embedded.Model;

/// <summary>Exactly what produced a set of weights: the command, the data files (with hashes) and the settings.</summary>
public sealed record TrainingRecord(
    [property: JsonPropertyName("command")] string Command,
    [property: JsonPropertyName("data")] IReadOnlyList<TrainingDataFile> Data,
    [property: JsonPropertyName("specs")] IReadOnlyList<string> Specs,
    [property: JsonPropertyName("rows")] int Rows,
    [property: JsonPropertyName("compliance_rows")] int ComplianceRows,
    [property: JsonPropertyName("safety_rows")] int SafetyRows,
    [property: JsonPropertyName("l2")] double L2,
    [property: JsonPropertyName("safety_l2")] double SafetyL2,
    [property: JsonPropertyName("epochs")] int Epochs);

/// <summary>One training file: its name, SHA-256 and how many of its rows were used.</summary>
public sealed record TrainingDataFile(
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("rows")] int Rows);
