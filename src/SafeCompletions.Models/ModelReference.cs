namespace SafeCompletions.Models;

/// <summary>
/// A parsed model reference (docs/design.md, "Model references"): the provider's scheme (<c>openai</c>, <c>gguf</c>,
/// <c>responses</c>, …), the model it names (a model name, a path or a file), the base URL when it has one, and the
/// text as given. <see cref="ModelProviders.Parse"/> makes one; the provider of its scheme opens it.
/// </summary>
public sealed record ModelReference(string Scheme, string Model, Uri? BaseUrl, string Text)
{
    public override string ToString() => Text;
}
