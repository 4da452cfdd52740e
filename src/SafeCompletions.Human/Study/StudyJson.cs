using System.Text.Json.Serialization;

namespace SafeCompletions.Human.Study;

/// <summary>The study's JSON: gold items (in --gold files and in study.db).</summary>
[JsonSerializable(typeof(GoldItem))]
internal sealed partial class StudyJson : JsonSerializerContext;
