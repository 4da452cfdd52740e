using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using SafeCompletions.Contracts;

namespace SafeCompletions.Runs;

/// <summary>
/// A live model behind an <see cref="IChatClient"/> (an OpenAI-compatible endpoint, or a local model adapted to it):
/// sends the prompt's conversation as given and samples at temperature 1 so the K samples differ. A
/// <c>&lt;think&gt;…&lt;/think&gt;</c> prefix is kept apart as reasoning. A call that still fails after the client's
/// retries becomes a failed sample with the reason.
/// </summary>
public sealed partial class ChatResponseGenerator(string name, IChatClient client, float temperature = 1f, int maxOutputTokens = 2048) : IResponseGenerator
{
    public string Name => name;

    public int SamplesFor(string promptId, int requested) => requested;

    public async Task<GeneratedResponse> GenerateAsync(PromptRow prompt, int sample, CancellationToken cancellationToken = default)
    {
        var messages = prompt.Conversation().Select(t => new ChatMessage(new ChatRole(t.Role), t.Content)).ToList();
        try
        {
            var response = await client.GetResponseAsync(messages, new ChatOptions { Temperature = temperature, MaxOutputTokens = maxOutputTokens }, cancellationToken).ConfigureAwait(false);
            var text = response.Text ?? "";
            var think = ThinkPrefix().Match(text);
            return think.Success
                ? new GeneratedResponse(text[think.Length..].TrimStart(), think.Groups[1].Value.Trim(), null)
                : new GeneratedResponse(text, null, null);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return GeneratedResponse.Failed($"generation failed: {ex.GetType().Name}: {ex.Message.Split('\n')[0]}");
        }
    }

    [GeneratedRegex(@"^\s*<think>(.*?)</think>", RegexOptions.Singleline)]
    private static partial Regex ThinkPrefix();
}
