using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace SafeCompletions.Training.Modeling;

/// <summary>
/// One linear projection of the decoder (<c>q_proj</c>, <c>gate_proj</c>, …) under its Hugging Face name: a frozen
/// weight [out, in], an optional bias, and optionally a LoRA adapter added to its output.
/// </summary>
public sealed class Projection(string name, Tensor weight, Tensor? bias) : IDisposable
{
    /// <summary>The module path, e.g. <c>model.layers.0.self_attn.q_proj</c>.</summary>
    public string Name => name;

    /// <summary>The short module name LoRA's <c>target_modules</c> matches, e.g. <c>q_proj</c>.</summary>
    public string Module => name[(name.LastIndexOf('.') + 1)..];

    public Tensor Weight { get; private set; } = weight;

    public Tensor? Bias => bias;

    public LoraAdapter? Lora { get; set; }

    public long InFeatures => Weight.shape[1];

    public long OutFeatures => Weight.shape[0];

    public Tensor Forward(Tensor x, bool training)
    {
        var y = linear(x, Weight, bias);
        return Lora is { } lora ? y + lora.Forward(x, training) : y;
    }

    /// <summary>Folds the adapter into the weight (W + scale·B·A, as PEFT's merge does) and drops it.</summary>
    public void Merge()
    {
        if (Lora is not { } lora)
        {
            return;
        }
        using (no_grad())
        {
            var merged = Weight + lora.Delta();
            Weight.Dispose();
            Weight = merged;
        }
        lora.Dispose();
        Lora = null;
    }

    public void Dispose()
    {
        Weight.Dispose();
        bias?.Dispose();
        Lora?.Dispose();
    }
}
