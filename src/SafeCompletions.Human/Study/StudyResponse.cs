using SafeCompletions.Contracts;

namespace SafeCompletions.Human.Study;

/// <summary>One system's answer to one prompt, as a rater will see it: the prompt's text and the final answer (never the reasoning).</summary>
public sealed record StudyResponse(string PromptId, string Prompt, Intent? Intent, string? Category, string Answer);
