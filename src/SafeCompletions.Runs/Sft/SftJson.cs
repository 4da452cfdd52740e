using System.Text.Json.Serialization;
using SafeCompletions.Contracts;

namespace SafeCompletions.Sft;

/// <summary>Source-generated JSON for SFT state and outputs. Nulls are left out: training rows stay as small as their format.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = false)]
[JsonSerializable(typeof(GeneratedCandidate))]
[JsonSerializable(typeof(Grade))]
[JsonSerializable(typeof(PromptRow))]
[JsonSerializable(typeof(TrainingRow))]
[JsonSerializable(typeof(RejectedRow))]
[JsonSerializable(typeof(SftStats))]
[JsonSerializable(typeof(RejectionReason))]
public sealed partial class SftJson : JsonSerializerContext;
