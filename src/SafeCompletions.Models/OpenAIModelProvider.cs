using Microsoft.Extensions.AI;

namespace SafeCompletions.Models;

/// <summary><c>openai:MODEL@BASE_URL</c>: any OpenAI-compatible chat endpoint (vLLM, Ollama, llama.cpp server, OpenAI).</summary>
public sealed class OpenAIModelProvider : IModelProvider
{
    /// <inheritdoc/>
    public string Scheme => "openai";

    /// <inheritdoc/>
    public string Form => "openai:MODEL@BASE_URL";

    /// <inheritdoc/>
    public ModelUses Uses => ModelUses.Evaluated | ModelUses.Generator | ModelUses.Judge;

    /// <inheritdoc/>
    /// <remarks>
    /// There is no default endpoint: a reference that names no server, or one that is not http(s), is refused rather than
    /// sent to a public API, which would carry the prompts, the responses and any API key to a third party.
    /// </remarks>
    public ModelReference Parse(string text, string rest)
    {
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at < 0)
        {
            throw new FormatException($"'{text}' names no server; expected {Form}, e.g. openai:llama3@http://127.0.0.1:8000/v1 (there is no default endpoint)");
        }
        var model = rest[..at];
        if (model.Length == 0)
        {
            throw new FormatException($"'{text}' names no model; expected {Form}");
        }
        var url = rest[(at + 1)..];
        if (!Uri.TryCreate(url, UriKind.Absolute, out var baseUrl) || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps)
            || baseUrl.Host.Length == 0)
        {
            throw new FormatException($"'{text}': '{url}' is not an http(s) URL with a host; expected {Form}");
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
