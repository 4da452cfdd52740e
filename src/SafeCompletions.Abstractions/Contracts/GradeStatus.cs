using System.Text.Json.Serialization;

namespace SafeCompletions.Contracts;

/// <summary>Whether a grade holds scores (<c>ok</c>) or could not be produced (<c>unscored</c>, reason in <c>error</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GradeStatus>))]
public enum GradeStatus
{
    [JsonStringEnumMemberName("ok")] Ok,
    [JsonStringEnumMemberName("unscored")] Unscored,
}
