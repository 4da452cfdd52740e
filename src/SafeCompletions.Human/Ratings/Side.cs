using System.Text.Json.Serialization;

namespace SafeCompletions.Human.Ratings;

/// <summary>Which of the two completions a rater preferred, as shown to them: the left one, the right one, or neither.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Side>))]
public enum Side
{
    [JsonStringEnumMemberName("left")] Left,
    [JsonStringEnumMemberName("right")] Right,
    [JsonStringEnumMemberName("tie")] Tie,
}
