using SafeCompletions.Training.Chat;

namespace SafeCompletions.Training.Sft;

/// <summary>One training row: the turns the model reads, the assistant turn it learns to write, and where the row came from.</summary>
public sealed record SftExample(IReadOnlyList<TemplateMessage> Prompt, TemplateMessage Completion, string File, int Line);
