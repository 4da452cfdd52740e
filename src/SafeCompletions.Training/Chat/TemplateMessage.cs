namespace SafeCompletions.Training.Chat;

/// <summary>One message as a chat template sees it: a role, its content, and the assistant's chain of thought when it has one.</summary>
public sealed record TemplateMessage(string Role, string Content, string? Thinking = null);
