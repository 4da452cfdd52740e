using System.Numerics;
using System.Runtime.InteropServices;

namespace SafeCompletions.Statistics;

/// <summary>
/// The totals of a set of prompts (a model's within an intent split, or the part of them a comparison leaves out):
/// how many prompts, the safe, scored and safe-score sums, those sums weighted by every bootstrap resample's weights,
/// and the sums of the prompts a permutation swaps. All of it is linear in the prompts, so it is added to prompt by
/// prompt and its size does not depend on how many there are. Every term is a whole number, so the doubles hold them
/// exactly (below 2^53) and the sums do not depend on the order the prompts come in.
/// </summary>
internal sealed class ResampledSums(int resamples, int permutations)
{
    /// <summary>The summed quantities, each a block of the arrays below.</summary>
    public const int Safe = 0, Scored = 1, Score = 2;

    private double[]? _bootstrap; // [quantity × resamples + r]: Σ w(p, r) × x(p)
    private double[]? _swapped;   // [quantity × permutations + k]: Σ sign(p, k) × x(p)

    public int Prompts { get; private set; }

    /// <summary>Safe, scored and safe-score sums over the prompts (unweighted).</summary>
    public long[] Totals { get; } = new long[3];

    /// <summary>Adds a prompt: its totals, weighted by its bootstrap <paramref name="weights"/> and, when the prompt is
    /// drawn for permutations at all, by its swap <paramref name="signs"/> (empty otherwise).</summary>
    public void Add(in PromptTotals prompt, ReadOnlySpan<double> weights, ReadOnlySpan<double> signs)
    {
        Prompts++;
        Span<long> values = [prompt.Safe, prompt.Scored, prompt.ScoreSum];
        for (var q = 0; q < 3; q++)
        {
            if (values[q] == 0)
            {
                continue;
            }
            Totals[q] += values[q];
            _bootstrap ??= new double[3 * resamples];
            AddScaled(_bootstrap.AsSpan(q * resamples, resamples), weights, values[q]);
            if (!signs.IsEmpty)
            {
                _swapped ??= new double[3 * permutations];
                AddScaled(_swapped.AsSpan(q * permutations, permutations), signs, values[q]);
            }
        }
    }

    public int Resamples => resamples;

    public int Permutations => permutations;

    /// <summary>Σ w(p, r) × x(p): a quantity's sum in bootstrap resample r.</summary>
    public double Weighted(int quantity, int r) => _bootstrap is null ? 0 : _bootstrap[quantity * resamples + r];

    /// <summary>Σ sign(p, k) × x(p): a quantity's sum over the prompts that permutation k swaps.</summary>
    public double Swapped(int quantity, int k) => _swapped is null ? 0 : _swapped[quantity * permutations + k];

    public ResampledSums Clone()
    {
        var clone = new ResampledSums(resamples, permutations) { Prompts = Prompts };
        Totals.CopyTo(clone.Totals, 0);
        clone._bootstrap = (double[]?)_bootstrap?.Clone();
        clone._swapped = (double[]?)_swapped?.Clone();
        return clone;
    }

    /// <summary>These sums and those of other prompts (exact: every term is a whole number).</summary>
    public ResampledSums Plus(ResampledSums? other) => Combined(other, 1);

    /// <summary>These sums less those of a subset of their prompts (exact: every term is a whole number).</summary>
    public ResampledSums Minus(ResampledSums? subset) => Combined(subset, -1);

    private ResampledSums Combined(ResampledSums? other, int sign)
    {
        var result = Clone();
        if (other is null)
        {
            return result;
        }
        result.Prompts += sign * other.Prompts;
        for (var q = 0; q < 3; q++)
        {
            result.Totals[q] += sign * other.Totals[q];
        }
        result._bootstrap = Combined(result._bootstrap, other._bootstrap, sign, 3 * resamples);
        result._swapped = Combined(result._swapped, other._swapped, sign, 3 * permutations);
        return result;
    }

    private static double[]? Combined(double[]? sums, double[]? other, int sign, int length)
    {
        if (other is null)
        {
            return sums;
        }
        sums ??= new double[length];
        AddScaled(sums, other, sign);
        return sums;
    }

    /// <summary>sums[i] += factors[i] × x, a vector at a time.</summary>
    private static void AddScaled(Span<double> sums, ReadOnlySpan<double> factors, double x)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(factors.Length, sums.Length, nameof(factors));
        ref var sum = ref MemoryMarshal.GetReference(sums);
        ref var factor = ref MemoryMarshal.GetReference(factors);
        var scale = new Vector<double>(x);
        var i = 0;
        for (; i <= sums.Length - Vector<double>.Count; i += Vector<double>.Count)
        {
            (Vector.LoadUnsafe(ref sum, (nuint)i) + Vector.LoadUnsafe(ref factor, (nuint)i) * scale).StoreUnsafe(ref sum, (nuint)i);
        }
        for (; i < sums.Length; i++)
        {
            sums[i] += factors[i] * x;
        }
    }
}
