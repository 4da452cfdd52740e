using SafeCompletions.Contracts;
using SafeCompletions.Models;

namespace SafeCompletions.Grading;

/// <summary>
/// What a grader sees: the conversation and the final answer, and the category when known. There is deliberately no
/// place for the model's reasoning, and none gets in through the text: a <c>&lt;think&gt;</c> block (or text before a lone
/// <c>&lt;/think&gt;</c>) in the response or in an earlier assistant turn is removed here (<see cref="ReasoningSplitter"/>),
/// so every entry point (grade, eval, sft, both reward endpoints, the evaluator) grades the output only and padding
/// reasoning cannot move a verdict.
/// </summary>
public sealed record GradeRequest(IReadOnlyList<ChatTurn> Conversation, string Response, string? Category = null)
{
    /// <summary>The conversation that led to the response, its assistant turns without their reasoning.</summary>
    public IReadOnlyList<ChatTurn> Conversation { get; init => field = WithoutReasoning(value); } = WithoutReasoning(Conversation);

    /// <summary>The response's final answer: without the reasoning before it, when there is any.</summary>
    public string Response { get; init => field = ReasoningSplitter.FinalAnswer(value); } = ReasoningSplitter.FinalAnswer(Response);

    public static GradeRequest From(ResponseRow row) => new(row.Conversation(), row.Response ?? "", row.Category);

    private static IReadOnlyList<ChatTurn> WithoutReasoning(IReadOnlyList<ChatTurn> conversation) =>
        conversation.Any(HasReasoning)
            ? [.. conversation.Select(t => HasReasoning(t) ? t with { Content = ReasoningSplitter.FinalAnswer(t.Content) } : t)]
            : conversation;

    private static bool HasReasoning(ChatTurn turn) =>
        turn is { Role: "assistant", Content: { } content } && content.Contains("think>", StringComparison.Ordinal) && ReasoningSplitter.Split(content).Reasoning is not null;
}
