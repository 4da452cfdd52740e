using Microsoft.Extensions.AI;

namespace SafeCompletions.Models;

/// <summary><c>openai:MODEL@BASE_URL</c>: any OpenAI-compatible chat endpoint (vLLM, Ollama, llama.cpp server, OpenAI).</summary>
public sealed class OpenAIModelProvider : IModelProvider
{
    /// <summary>OpenAI's endpoint, used when an <c>openai:</c> reference names no base URL.</summary>
    public static readonly Uri DefaultBaseUrl = new("https://api.openai.com/v1");

    /// <inheritdoc/>
    public string Scheme => "openai";

    /// <inheritdoc/>
    public string Form => "openai:MODEL@BASE_URL";

    /// <inheritdoc/>
    public ModelUses Uses => ModelUses.Evaluated | ModelUses.Generator | ModelUses.Judge;

    /// <inheritdoc/>
    public ModelReference Parse(string text, string rest)
    {
        var at = rest.IndexOf("@http", StringComparison.OrdinalIgnoreCase);
        var model = at >= 0 ? rest[..at] : rest;
        if (model.Length == 0)
        {
            throw new FormatException($"'{text}' names no model; expected openai:MODEL@BASE_URL");
        }
        if (at < 0)
        {
            return new ModelReference(Scheme, model, DefaultBaseUrl, text);
        }
        var url = rest[(at + 1)..];
        if (!Uri.TryCreate(url, UriKind.Absolute, out var baseUrl) || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
        {
            throw new FormatException($"'{text}': '{url}' is not an http(s) URL");
        }
        return new ModelReference(Scheme, model, baseUrl, text);
    }

    /// <inheritdoc/>
    public string Describe(ModelReference reference) => $"openai:{reference.Model}";

    /// <inheritdoc/>
    public IChatClient OpenChat(ModelReference reference, ModelOptions options)
    {
        var client = ChatClientFactory.Create(reference, options.Retry, options.Concurrency, options.ApiKey);
        options.Resources.Add(client);
        return client;
    }
}
