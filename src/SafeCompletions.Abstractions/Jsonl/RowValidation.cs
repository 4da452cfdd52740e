using SafeCompletions.Contracts;

namespace SafeCompletions.Jsonl;

/// <summary>The rules a row must meet beyond its JSON shape (docs/design.md, "File formats").</summary>
public static class RowValidation
{
    private static readonly HashSet<string> Roles = ["system", "user", "assistant", "developer", "tool"];

    /// <summary>A prompt row needs an id and either a prompt or messages.</summary>
    public static RowValidationProblem? Prompt(PromptRow row) =>
        Id(row.Id) ?? Conversation(row.Prompt, row.Messages);

    /// <summary>A response row needs an id, a prompt or messages, and a response.</summary>
    public static RowValidationProblem? Response(ResponseRow row) =>
        Id(row.Id)
        ?? Conversation(row.Prompt, row.Messages)
        ?? (row.Response is null ? new RowValidationProblem("response", "missing; a response row needs the response text") : null)
        ?? (row.Sample is < 0 ? new RowValidationProblem("sample", "must be 0 or more") : null);

    private static RowValidationProblem? Id(string? id) =>
        string.IsNullOrWhiteSpace(id) ? new RowValidationProblem("id", "missing or empty") : null;

    private static RowValidationProblem? Conversation(string? prompt, IReadOnlyList<ChatTurn>? messages)
    {
        if (messages is null)
        {
            return prompt is null ? new RowValidationProblem("prompt", "missing; give \"prompt\" or \"messages\"") : null;
        }
        if (messages.Count == 0)
        {
            return new RowValidationProblem("messages", "is empty");
        }
        for (var i = 0; i < messages.Count; i++)
        {
            if (messages[i] is null)
            {
                return new RowValidationProblem($"messages[{i}]", "is null");
            }
            if (messages[i].Role is null || !Roles.Contains(messages[i].Role))
            {
                return new RowValidationProblem($"messages[{i}].role", $"expected one of {string.Join(", ", Roles)}");
            }
            if (messages[i].Content is null)
            {
                return new RowValidationProblem($"messages[{i}].content", "missing");
            }
        }
        return null;
    }
}
