using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;

namespace SafeCompletions.Models;

/// <summary>Builds the <see cref="IChatClient"/> pipeline for a model reference: the endpoint client, retries, then a concurrency bound.</summary>
public static class ChatClientFactory
{
    /// <summary>The API key: <c>SAFECOMP_API_KEY</c>, else <c>OPENAI_API_KEY</c>, else none.</summary>
    public static string? ApiKeyFromEnvironment() =>
        Environment.GetEnvironmentVariable("SAFECOMP_API_KEY") is { Length: > 0 } key ? key
        : Environment.GetEnvironmentVariable("OPENAI_API_KEY") is { Length: > 0 } openAIKey ? openAIKey
        : null;

    /// <summary>A resilient, concurrency-bounded client for an <c>openai:</c> reference.</summary>
    public static IChatClient Create(ModelReference reference, RetryOptions? retry = null, int maxConcurrency = 8, string? apiKey = null)
    {
        var endpoint = reference.Scheme == "openai"
            ? CreateOpenAI(reference, apiKey ?? ApiKeyFromEnvironment())
            : throw new NotSupportedException($"'{reference}': {reference.Scheme}: references are not an OpenAI-compatible endpoint; expected openai:MODEL@BASE_URL");
        return new ConcurrencyLimitingChatClient(new ResilientChatClient(endpoint, retry ?? new RetryOptions()), maxConcurrency);
    }

    private static IChatClient CreateOpenAI(ModelReference reference, string? apiKey)
    {
        var options = new OpenAIClientOptions
        {
            // Never the SDK's default (a public endpoint): a reference without a server is a bug of its parser.
            Endpoint = reference.BaseUrl ?? throw new ArgumentException($"'{reference}' names no server", nameof(reference)),
            // Retries and timeouts belong to ResilientChatClient, so the SDK's own are switched off.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = Timeout.InfiniteTimeSpan,
        };
        // Local servers (vLLM, llama.cpp, Ollama) need no key; the SDK insists on one, and ignores its value there.
        var credential = new ApiKeyCredential(apiKey ?? "no-key");
        return new OpenAIClient(credential, options).GetChatClient(reference.Model).AsIChatClient();
    }
}
