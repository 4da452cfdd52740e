using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace SafeCompletions.Training.Modeling;

/// <summary>
/// A low-rank adapter on one projection, as PEFT defines it: A [r, in] (Kaiming-uniform), B [out, r] (zero, so a new
/// adapter leaves the model unchanged), output scale·B·A·dropout(x) with scale = alpha / r.
/// </summary>
public sealed class LoraAdapter(Parameter a, Parameter b, double scale, double dropout) : IDisposable
{
    public Parameter A => a;

    public Parameter B => b;

    public double Scale => scale;

    public double Dropout => dropout;

    /// <summary>A fresh adapter for a projection of <paramref name="inFeatures"/> to <paramref name="outFeatures"/>.</summary>
    public static LoraAdapter Create(long inFeatures, long outFeatures, int rank, double alpha, double dropout)
    {
        var a = empty(rank, inFeatures, ScalarType.Float32);
        // PEFT's reset_lora_parameters: kaiming_uniform_(a=sqrt(5)), i.e. U(-1/sqrt(in), 1/sqrt(in)).
        var bound = 1.0 / Math.Sqrt(inFeatures);
        using (no_grad())
        {
            a.uniform_(-bound, bound);
        }
        return new LoraAdapter(new Parameter(a), new Parameter(zeros(outFeatures, rank, ScalarType.Float32)), alpha / rank, dropout);
    }

    public Tensor Forward(Tensor x, bool training)
    {
        var input = training && dropout > 0 ? nn.functional.dropout(x, dropout, training: true) : x;
        return linear(linear(input, a), b) * scale;
    }

    /// <summary>scale·B·A, the change the adapter makes to the weight.</summary>
    public Tensor Delta() => matmul(b, a) * scale;

    public void Dispose()
    {
        a.Dispose();
        b.Dispose();
    }
}
