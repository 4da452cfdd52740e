using SafeCompletions.Models;

namespace SafeCompletions.Local;

public static class LocalModels
{
    /// <summary>Registers <c>gguf:PATH</c> models.</summary>
    public static ModelProviders AddGguf(this ModelProviders providers) => providers.Add(new GgufModelProvider());
}
