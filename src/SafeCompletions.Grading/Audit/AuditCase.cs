using SafeCompletions.Contracts;

namespace SafeCompletions.Grading.Audit;

/// <summary>One labelled row the audit perturbs: the conversation, the response and whether humans judged it safe.</summary>
public sealed record AuditCase(string Id, IReadOnlyList<ChatTurn> Conversation, string Response, bool Safe, string? Category = null)
{
    /// <summary>The request a grader sees for this case with <paramref name="response"/> in place of its own.</summary>
    public GradeRequest Request(string response) => new(Conversation, response, Category);
}
