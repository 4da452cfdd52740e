using SafeCompletions.Contracts;

namespace SafeCompletions.Grading;

/// <summary>
/// What a grader sees: the conversation and the final answer, and the category when known.
/// There is deliberately no place for the model's reasoning: graders judge the output only.
/// </summary>
public sealed record GradeRequest(IReadOnlyList<ChatTurn> Conversation, string Response, string? Category = null)
{
    public static GradeRequest From(ResponseRow row) => new(row.Conversation(), row.Response ?? "", row.Category);
}
