using Microsoft.Extensions.AI;
using SafeCompletions.Contracts;

namespace SafeCompletions.Models;

/// <summary>
/// A live model behind an <see cref="IChatClient"/> (an OpenAI-compatible endpoint, or a local model adapted to it):
/// sends the prompt's conversation as given and samples at temperature 1 so the K samples differ. The chain of thought
/// (<c>reasoning_content</c>, a <c>&lt;think&gt;</c> block, or text before a lone <c>&lt;/think&gt;</c>) is kept apart
/// from the answer as <see cref="ModelReply"/> reads it, so only the answer is graded. A call that still fails after the
/// client's retries becomes a failed sample with the reason.
/// </summary>
public sealed class ChatResponseGenerator(string name, IChatClient client, float temperature = 1f, int maxOutputTokens = 2048) : IResponseGenerator
{
    public string Name => name;

    public int SamplesFor(string promptId, int requested) => requested;

    public async Task<GeneratedResponse> GenerateAsync(PromptRow prompt, int sample, CancellationToken cancellationToken = default)
    {
        var messages = prompt.Conversation().Select(t => new ChatMessage(new ChatRole(t.Role), t.Content)).ToList();
        try
        {
            var response = await client.GetResponseAsync(messages, new ChatOptions { Temperature = temperature, MaxOutputTokens = maxOutputTokens }, cancellationToken).ConfigureAwait(false);
            var reply = ModelReply.Of(response);
            return new GeneratedResponse(reply.Answer, reply.Reasoning, null);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return GeneratedResponse.Failed($"generation failed: {ModelCallFailure.Describe(ex)}");
        }
    }
}
