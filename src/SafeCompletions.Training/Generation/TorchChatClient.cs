using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using SafeCompletions.Training.Chat;

namespace SafeCompletions.Training.Generation;

/// <summary>
/// A <see cref="TorchModel"/> as an <see cref="IChatClient"/>: the conversation rendered by the model's own chat
/// template, decoded with a KV cache, stopped at the model's end-of-turn tokens or at <c>MaxOutputTokens</c>, sampled
/// at the options' temperature and top-p (the model's generation_config.json when unset; greedy at 0) from their seed.
/// Calls run one at a time: one set of weights, one cache.
/// </summary>
public sealed class TorchChatClient(TorchModel model, string modelId, int defaultMaxTokens = 1024) : IChatClient
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var turns = messages.Select(m => new TemplateMessage(m.Role.Value, m.Text, Reasoning(m))).ToList();
        var settings = new SamplingSettings(
            options?.Temperature ?? model.Defaults.Temperature,
            options?.TopP ?? model.Defaults.TopP,
            options?.MaxOutputTokens ?? defaultMaxTokens,
            options?.Seed);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var generated = await Task.Run(() =>
            {
                var prompt = model.Tokenizer.EncodeChat(turns, addGenerationPrompt: true);
                return TextGenerator.Generate(model.Network, prompt, model.Tokenizer.EndOfTurn, settings, cancellationToken);
            }, cancellationToken).ConfigureAwait(false);
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, model.Tokenizer.Decode(generated.Tokens)))
            {
                ModelId = modelId,
                FinishReason = generated.EndedTurn ? ChatFinishReason.Stop : ChatFinishReason.Length,
                Usage = new UsageDetails { InputTokenCount = generated.PromptTokens, OutputTokenCount = generated.Tokens.Count, TotalTokenCount = generated.PromptTokens + generated.Tokens.Count },
            };
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The whole answer as one update: generation is in-process, so there is no network latency to hide.</summary>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : serviceKey is null && serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("safecomp-torch", null, modelId)
        : null;

    private static string? Reasoning(ChatMessage message) =>
        message.Contents.OfType<TextReasoningContent>().Select(r => r.Text).FirstOrDefault(t => !string.IsNullOrEmpty(t));

    public void Dispose() => _gate.Dispose();
}
