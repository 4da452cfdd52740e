using Microsoft.Extensions.AI;

namespace SafeCompletions.Models;

/// <summary>
/// A model's reply read the one way eval and sft both need: the final answer apart from the chain of thought. The
/// chain of thought is the reply's <c>reasoning_content</c> when the server returns one (Microsoft.Extensions.AI
/// surfaces it as <see cref="TextReasoningContent"/>), else what <see cref="ReasoningSplitter"/> finds in the text.
/// Graders only ever see <see cref="Answer"/>: the method grades the output, not the reasoning.
/// </summary>
public sealed record ModelReply(string Answer, string? Reasoning, ReasoningSource? Source, string? FinishReason)
{
    public static ModelReply Of(ChatResponse response)
    {
        var finish = response.FinishReason?.Value;
        var separate = string.Concat(response.Messages.SelectMany(m => m.Contents).OfType<TextReasoningContent>().Select(r => r.Text)).Trim();
        var (answer, inline) = ReasoningSplitter.Split(response.Text ?? "");
        return separate.Length > 0
            ? new ModelReply(answer, separate, ReasoningSource.ReasoningContent, finish)
            : new ModelReply(answer, inline, inline is { Length: > 0 } ? ReasoningSource.ThinkTag : null, finish);
    }
}
