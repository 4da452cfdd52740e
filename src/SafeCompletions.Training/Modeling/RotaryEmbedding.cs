using static TorchSharp.torch;

namespace SafeCompletions.Training.Modeling;

/// <summary>
/// Rotary position embeddings as Hugging Face computes them: the inverse frequencies in float32, rope scaling
/// (<see cref="RopeScaling"/>) applied to them, and the two halves of each head rotated (<c>rotate_half</c>).
/// </summary>
public sealed class RotaryEmbedding : IDisposable
{
    private readonly Tensor _inverseFrequencies;

    public RotaryEmbedding(int headDim, double theta, RopeScaling? scaling)
    {
        using var scope = NewDisposeScope();
        var exponent = arange(0, headDim, 2, ScalarType.Int64).to(ScalarType.Float32) / headDim;
        var inverse = 1.0f / tensor((float)theta).pow(exponent);
        inverse = scaling?.Type switch
        {
            "linear" => inverse / scaling.Factor,
            "llama3" => Llama3(inverse, scaling),
            _ => inverse,
        };
        _inverseFrequencies = inverse.MoveToOuterDisposeScope();
    }

    /// <summary>The inverse frequencies, one per pair of dimensions.</summary>
    public Tensor InverseFrequencies => _inverseFrequencies;

    /// <summary>Rotates <paramref name="x"/> ([batch, heads, tokens, head_dim]) for the positions from <paramref name="start"/>.</summary>
    public Tensor Apply(Tensor x, long start)
    {
        var tokens = x.shape[2];
        var positions = arange(start, start + tokens, ScalarType.Float32);
        var frequencies = positions.unsqueeze(1) * _inverseFrequencies.unsqueeze(0);
        var angles = cat([frequencies, frequencies], -1);
        return x * angles.cos() + RotateHalf(x) * angles.sin();
    }

    private static Tensor RotateHalf(Tensor x)
    {
        var half = x.shape[^1] / 2;
        return cat([-x.narrow(-1, half, half), x.narrow(-1, 0, half)], -1);
    }

    private static Tensor Llama3(Tensor inverse, RopeScaling s)
    {
        var lowWavelength = s.OriginalMaxPositions / s.LowFreqFactor;
        var highWavelength = s.OriginalMaxPositions / s.HighFreqFactor;
        var wavelength = 2 * Math.PI / inverse;
        var scaled = where(wavelength > lowWavelength, inverse / s.Factor, inverse);
        var smooth = (s.OriginalMaxPositions / wavelength - s.LowFreqFactor) / (s.HighFreqFactor - s.LowFreqFactor);
        var smoothed = (1 - smooth) * scaled / s.Factor + smooth * scaled;
        var medium = (wavelength >= highWavelength).logical_and(wavelength <= lowWavelength);
        return where(medium, smoothed, scaled);
    }

    public void Dispose() => _inverseFrequencies.Dispose();
}
