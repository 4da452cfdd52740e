using SafeCompletions.Models;

namespace SafeCompletions.Training;

public static class TorchModels
{
    /// <summary>Registers <c>torch:DIR[+ADAPTER_DIR]</c> models.</summary>
    public static ModelProviders AddTorch(this ModelProviders providers) => providers.Add(new TorchModelProvider());
}
