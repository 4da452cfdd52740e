using Microsoft.Extensions.AI;

namespace SafeCompletions.Testing;

/// <summary>A delegate-driven <see cref="IChatClient"/> that records every request it gets.</summary>
public sealed class TestChatClient : IChatClient
{
    private readonly List<(IReadOnlyList<ChatMessage> Messages, ChatOptions? Options)> _calls = [];

    public Func<IReadOnlyList<ChatMessage>, ChatOptions?, string> OnGetResponse { get; init; } = (_, _) => "";

    /// <summary>When set, answers with a whole reply (for example one with reasoning content) instead of <see cref="OnGetResponse"/>'s text.</summary>
    public Func<IReadOnlyList<ChatMessage>, ChatOptions?, ChatResponse>? OnGetChatResponse { get; init; }

    public IReadOnlyList<(IReadOnlyList<ChatMessage> Messages, ChatOptions? Options)> Calls
    {
        get { lock (_calls) { return [.. _calls]; } }
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        lock (_calls)
        {
            _calls.Add((list, options));
        }
        return Task.FromResult(OnGetChatResponse?.Invoke(list, options) ?? new ChatResponse(new ChatMessage(ChatRole.Assistant, OnGetResponse(list, options))));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    /// <summary>The schema name a request asked for (safety_verdict or helpfulness_verdict).</summary>
    public static string? SchemaName(ChatOptions? options) => (options?.ResponseFormat as ChatResponseFormatJson)?.SchemaName;
}
