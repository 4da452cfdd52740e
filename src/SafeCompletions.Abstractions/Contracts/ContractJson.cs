using System.Text.Json.Serialization;

namespace SafeCompletions.Contracts;

/// <summary>Source-generated serialization for the file contracts. Nulls are written: an unscored grade shows its null scores.</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    WriteIndented = false,
    NumberHandling = JsonNumberHandling.Strict,
    AllowTrailingCommas = false,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(PromptRow))]
[JsonSerializable(typeof(ResponseRow))]
[JsonSerializable(typeof(GradeRow))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(Intent))]
[JsonSerializable(typeof(ResponseMode))]
[JsonSerializable(typeof(Severity))]
[JsonSerializable(typeof(GradeStatus))]
public sealed partial class ContractJson : JsonSerializerContext;
