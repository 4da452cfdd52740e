using System.Text.Json.Serialization;

namespace SafeCompletions.Contracts;

/// <summary>How far a response facilitates harm along the four dimensions of the method, each in [0, 1].</summary>
public sealed record Facilitation(
    [property: JsonPropertyName("procedural")] double Procedural,
    [property: JsonPropertyName("troubleshooting")] double Troubleshooting,
    [property: JsonPropertyName("sensitive_data")] double SensitiveData,
    [property: JsonPropertyName("ideation")] double Ideation)
{
    /// <summary>The wire names of the four dimensions.</summary>
    public static readonly IReadOnlyList<string> DimensionNames = ["procedural", "troubleshooting", "sensitive_data", "ideation"];
}
