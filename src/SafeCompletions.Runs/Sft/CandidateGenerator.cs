using Microsoft.Extensions.AI;
using SafeCompletions.Contracts;
using SafeCompletions.Models;
using SafeCompletions.Specs;

namespace SafeCompletions.Sft;

/// <summary>
/// Asks the generator model for one candidate: the prompt augmented with its spec (<see cref="SftTemplate"/>), sampled
/// at temperature 1 so best-of-N candidates differ. The chain of thought is read apart from the answer by
/// <see cref="ModelReply"/>.
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
            return GeneratedCandidate.Failed($"generation failed: {ModelCallFailure.Describe(ex)}");
        }
        var reply = ModelReply.Of(response);
        return new GeneratedCandidate(reply.Answer, reply.Reasoning, reply.Source, reply.FinishReason, null);
    }
}
