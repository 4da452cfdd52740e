using Microsoft.Extensions.AI;
using SafeCompletions.Contracts;
using SafeCompletions.Specs;

namespace SafeCompletions.Sft;

/// <summary>
/// Asks the generator model for one candidate: the prompt augmented with its spec (<see cref="SftTemplate"/>), sampled
/// at temperature 1 so best-of-N candidates differ. The chain of thought is taken from the reply's
/// <c>reasoning_content</c> when the server returns one, else from a <c>&lt;think&gt;</c> block in the text.
/// </summary>
public sealed class CandidateGenerator(IChatClient client, TemplatePlacement placement, int maxOutputTokens, float temperature = 1f)
{
    public async Task<GeneratedCandidate> GenerateAsync(PolicySpec spec, IReadOnlyList<ChatTurn> conversation, CancellationToken cancellationToken = default)
    {
        var messages = SftTemplate.Augment(spec, conversation, placement).Select(t => new ChatMessage(new ChatRole(t.Role), t.Content)).ToList();
        ChatResponse response;
        try
        {
            response = await client.GetResponseAsync(messages, new ChatOptions { Temperature = temperature, MaxOutputTokens = maxOutputTokens }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return GeneratedCandidate.Failed($"generation failed: {ex.GetType().Name}: {ex.Message.Split('\n')[0]}");
        }
        var finish = response.FinishReason?.Value;
        var separate = string.Concat(response.Messages.SelectMany(m => m.Contents).OfType<TextReasoningContent>().Select(r => r.Text)).Trim();
        var (answer, inline) = ReasoningSplitter.Split(response.Text ?? "");
        return separate.Length > 0
            ? new GeneratedCandidate(answer, separate, ReasoningSource.ReasoningContent, finish, null)
            : new GeneratedCandidate(answer, inline, inline is { Length: > 0 } ? ReasoningSource.ThinkTag : null, finish, null);
    }
}
