namespace SafeCompletions.Human.Study;

/// <summary>A system under comparison: its name (never shown to raters) and its answers by prompt id.</summary>
public sealed record StudySystem(string Name, IReadOnlyDictionary<string, StudyResponse> Responses);
