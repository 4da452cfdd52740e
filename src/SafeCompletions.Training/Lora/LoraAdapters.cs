using SafeCompletions.Training.Modeling;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SafeCompletions.Training.Lora;

/// <summary>Puts LoRA adapters on a model's projections and lists what trains.</summary>
public static class LoraAdapters
{
    /// <summary>New adapters (B = 0, so the model's outputs are unchanged) on every target projection, initialised from <paramref name="seed"/>.</summary>
    public static void Attach(CausalLM model, LoraConfig config, int seed)
    {
        config.Validated();
        manual_seed(seed);
        foreach (var projection in model.Projections.Where(p => config.Targets.Contains(p.Module)))
        {
            projection.Lora?.Dispose();
            projection.Lora = LoraAdapter.Create(projection.InFeatures, projection.OutFeatures, config.Rank, config.Alpha, config.Dropout);
        }
    }

    /// <summary>The trainable parameters, in a fixed order (layer, then projection, then A before B).</summary>
    public static IReadOnlyList<Parameter> Parameters(CausalLM model) =>
        [.. model.Projections.Where(p => p.Lora is not null).SelectMany(p => new[] { p.Lora!.A, p.Lora.B })];

    /// <summary>Folds every adapter into its projection's weight.</summary>
    public static void Merge(CausalLM model)
    {
        foreach (var projection in model.Projections)
        {
            projection.Merge();
        }
    }
}
