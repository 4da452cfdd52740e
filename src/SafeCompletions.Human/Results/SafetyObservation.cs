namespace SafeCompletions.Human.Results;

/// <summary>One safety rating of one response: which item and model it is, who rated it, and the 0–3 value.</summary>
internal readonly record struct SafetyObservation(string Item, string PromptId, string Model, string Rater, int Safety);
