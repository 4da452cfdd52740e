using SafeCompletions.Contracts;

namespace SafeCompletions.Human.Study;

/// <summary>One item of a study: a prompt answered by systems a and b (for gold items, two responses with known answers).</summary>
public sealed record StudyItem(
    string Id, string PromptId, Intent? Intent, string? Category, string Prompt,
    string ModelA, string ResponseA, string ModelB, string ResponseB, GoldItem? Gold);
