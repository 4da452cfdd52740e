namespace SafeCompletions.Models;

/// <summary>
/// The registry of model providers: parses a reference by its scheme and opens it with that scheme's provider.
/// <see cref="Create"/> holds the providers this project needs no other package for (<c>openai:</c>, <c>responses:</c>);
/// local models add theirs (<c>gguf:</c> from SafeCompletions.Local, <c>torch:</c> from the trainer).
/// </summary>
public sealed class ModelProviders
{
    private readonly Dictionary<string, IModelProvider> _providers = new(StringComparer.Ordinal);

    /// <summary>A registry with the OpenAI-compatible endpoint and recorded responses.</summary>
    public static ModelProviders Create() => new ModelProviders().Add(new OpenAIModelProvider()).Add(new RecordedResponsesProvider());

    /// <summary>The providers, in the order they were added.</summary>
    public IReadOnlyList<IModelProvider> All => [.. _providers.Values];

    /// <summary>Adds a provider; a later one of the same scheme replaces the earlier.</summary>
    public ModelProviders Add(IModelProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        _providers[provider.Scheme] = provider;
        return this;
    }

    /// <summary>Parses a reference; throws <see cref="FormatException"/> with the forms that <paramref name="use"/> accepts when it is not one.</summary>
    public ModelReference Parse(string text, ModelUses use = ModelUses.Evaluated | ModelUses.Generator | ModelUses.Judge)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !_providers.TryGetValue(text[..colon], out var provider))
        {
            throw new FormatException($"'{text}' is not a model reference; expected {Forms(use)}");
        }
        if ((provider.Uses & use) == 0)
        {
            throw new FormatException($"'{text}': {provider.Scheme}: models cannot be used here; expected {Forms(use)}");
        }
        return provider.Parse(text, text[(colon + 1)..]);
    }

    /// <summary>The provider of a parsed reference.</summary>
    public IModelProvider For(ModelReference reference) =>
        _providers.TryGetValue(reference.Scheme, out var provider) ? provider : throw new FormatException($"'{reference}': no provider for {reference.Scheme}: references");

    /// <summary>The forms of the references that serve <paramref name="use"/>, for messages: "openai:MODEL@BASE_URL or gguf:PATH".</summary>
    public string Forms(ModelUses use)
    {
        var forms = _providers.Values.Where(p => (p.Uses & use) != 0).Select(p => p.Form).ToList();
        return forms.Count <= 1 ? string.Concat(forms) : $"{string.Join(", ", forms[..^1])} or {forms[^1]}";
    }
}
