namespace SafeCompletions.Models;

/// <summary>
/// A parsed model reference: <c>openai:MODEL@BASE_URL</c>, <c>gguf:PATH</c> or <c>responses:FILE</c>.
/// For <c>openai:</c> the base URL may be left out, meaning OpenAI's own endpoint.
/// </summary>
public sealed record ModelReference(ModelReferenceKind Kind, string Model, Uri? BaseUrl, string Text)
{
    /// <summary>OpenAI's endpoint, used when an <c>openai:</c> reference names no base URL.</summary>
    public static readonly Uri DefaultOpenAIBaseUrl = new("https://api.openai.com/v1");

    public override string ToString() => Text;

    /// <summary>Parses a reference; throws <see cref="FormatException"/> with the expected forms when it is not one.</summary>
    public static ModelReference Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var scheme = colon > 0 ? text[..colon] : "";
        var rest = colon > 0 ? text[(colon + 1)..] : "";
        return scheme switch
        {
            "openai" => ParseOpenAI(text, rest),
            "gguf" when rest.Length > 0 => new ModelReference(ModelReferenceKind.Gguf, rest, null, text),
            "responses" when rest.Length > 0 => new ModelReference(ModelReferenceKind.Responses, rest, null, text),
            _ => throw new FormatException(
                $"'{text}' is not a model reference; expected openai:MODEL@BASE_URL (e.g. openai:gpt-4o-mini@http://127.0.0.1:8000/v1), gguf:PATH or responses:FILE"),
        };
    }

    private static ModelReference ParseOpenAI(string text, string rest)
    {
        var at = rest.IndexOf("@http", StringComparison.OrdinalIgnoreCase);
        var model = at >= 0 ? rest[..at] : rest;
        if (model.Length == 0)
        {
            throw new FormatException($"'{text}' names no model; expected openai:MODEL@BASE_URL");
        }
        if (at < 0)
        {
            return new ModelReference(ModelReferenceKind.OpenAI, model, DefaultOpenAIBaseUrl, text);
        }
        var url = rest[(at + 1)..];
        if (!Uri.TryCreate(url, UriKind.Absolute, out var baseUrl) || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
        {
            throw new FormatException($"'{text}': '{url}' is not an http(s) URL");
        }
        return new ModelReference(ModelReferenceKind.OpenAI, model, baseUrl, text);
    }
}
