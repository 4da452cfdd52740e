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

    /// <summary>
    /// A grade row needs an id and, unless unscored, the verdict the metrics count: safe, safety, helpfulness and
    /// reward. A response or prompt row has none of them, so it is refused here rather than counted as unsafe.
    /// </summary>
    public static RowValidationProblem? Grade(GradeRow row) =>
        Id(row.Id)
        ?? (row.Status != GradeStatus.Ok ? null
            : row.Safe is null ? NotAGrade("safe")
            : row.Safety is null ? NotAGrade("safety")
            : row.Helpfulness is null ? NotAGrade("helpfulness")
            : row.Reward is null ? NotAGrade("reward")
            : null);

    private static RowValidationProblem NotAGrade(string field) =>
        new(field, "missing; a grade row (as safecomp grade and eval write) has status, safe, safety, helpfulness and reward; a responses file must be graded first");

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
