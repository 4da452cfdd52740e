using System.Text.Json.Serialization;

namespace SafeCompletions.Training.Sft;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(SftStep))]
[JsonSerializable(typeof(CheckpointState))]
internal sealed partial class SftJsonContext : JsonSerializerContext;
