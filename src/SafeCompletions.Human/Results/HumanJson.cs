using System.Text.Json.Serialization;

namespace SafeCompletions.Human.Results;

/// <summary>human.json's serialization: snake_case names, indented, nulls written (a reader sees every field).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(HumanReport))]
internal sealed partial class HumanJson : JsonSerializerContext;
