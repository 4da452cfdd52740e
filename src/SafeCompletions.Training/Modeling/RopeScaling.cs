using System.Text.Json.Nodes;

namespace SafeCompletions.Training.Modeling;

/// <summary>
/// config.json's <c>rope_scaling</c>: <c>llama3</c> (Llama 3.1 and later) and <c>linear</c> are computed as Hugging
/// Face's <c>modeling_rope_utils</c> computes them; any other type is refused rather than silently ignored.
/// </summary>
public sealed record RopeScaling(string Type, double Factor, double LowFreqFactor, double HighFreqFactor, int OriginalMaxPositions)
{
    public static RopeScaling? Parse(JsonObject? json, string path)
    {
        if (json is null)
        {
            return null;
        }
        var type = (json["rope_type"] ?? json["type"])?.GetValue<string>() ?? "default";
        double Number(string field) => json[field]?.GetValue<double>() ?? throw new InvalidDataException($"{path}: rope_scaling.{field}: missing for rope type {type}");
        return type switch
        {
            "default" => null,
            "linear" => new RopeScaling(type, Number("factor"), 0, 0, 0),
            "llama3" => new RopeScaling(type, Number("factor"), Number("low_freq_factor"), Number("high_freq_factor"), (int)Number("original_max_position_embeddings")),
            _ => throw new InvalidDataException($"{path}: rope_scaling: type {type} is not supported (llama3, linear)"),
        };
    }
}
