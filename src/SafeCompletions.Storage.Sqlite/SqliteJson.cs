using System.Text.Json.Serialization;
using SafeCompletions.Contracts;
using SafeCompletions.Sft;

namespace SafeCompletions.Storage.Sqlite;

/// <summary>How the SFT store keeps its rows: snake_case, nulls left out (the shape state.db has always held, so runs resume across versions).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = false)]
[JsonSerializable(typeof(GeneratedCandidate))]
[JsonSerializable(typeof(Grade))]
[JsonSerializable(typeof(PromptRow))]
internal sealed partial class SqliteJson : JsonSerializerContext;
