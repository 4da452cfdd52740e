using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Security.Cryptography;
using System.Text;

namespace SafeCompletions.Statistics;

/// <summary>
/// The random draws of the bootstrap and of the permutation test as functions of a prompt, not of a position in one
/// random stream: in resample r a prompt weighs w ~ Poisson(1), and in permutation k its two models swap when a bit is
/// set, both hashed from the prompt's key, the seed and r (or k). A prompt draws the same whenever, and in whatever
/// order, it is seen, so resampled sums can be added up prompt by prompt with no list of prompts (the Poisson
/// bootstrap: Hanley &amp; MacGibbon 2006; Chamandy et al. 2012, "Estimating uncertainty for massive data streams").
/// </summary>
internal sealed class ResampleDraws
{
    private const ulong Golden = 0x9E3779B97F4A7C15;
    private const double TwoTo52 = 4503599627370496.0;
    private const ulong TwoTo52Bits = 0x4330000000000000;

    /// <summary>P(W ≤ k) of Poisson(1) in units of 2^-53, rounded up, for k = 0, 1, …: a uniform 53-bit draw below the
    /// k-th is a weight of at most k. Built from e^-1 by divisions and additions alone (no Math.Exp, so every platform
    /// gets the same table); where the CDF rounds to 1 the threshold is 2^53, which no draw reaches, so the walk ends.</summary>
    private static readonly long[] PoissonThresholds = BuildPoissonThresholds();

    private readonly ulong _weightStream;
    private readonly ulong _signStream;

    public ResampleDraws(int resamples, int permutations, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(resamples);
        ArgumentOutOfRangeException.ThrowIfNegative(permutations);
        (Resamples, Permutations) = (resamples, permutations);
        // Two streams of the same seed ("Bootstra", "Permutat"): a prompt's weights and signs are unrelated.
        _weightStream = Mix((uint)seed ^ 0x426F6F7473747261UL);
        _signStream = Mix((uint)seed ^ 0x5065726D75746174UL);
    }

    public int Resamples { get; }

    public int Permutations { get; }

    /// <summary>A prompt's 64-bit key: the first 8 bytes of the SHA-256 of its id in UTF-8.</summary>
    public static ulong KeyOf(string promptId)
    {
        var length = Encoding.UTF8.GetMaxByteCount(promptId.Length);
        var rented = length > 512 ? ArrayPool<byte>.Shared.Rent(length) : null;
        try
        {
            Span<byte> bytes = rented ?? stackalloc byte[length];
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(bytes[..Encoding.UTF8.GetBytes(promptId, bytes)], hash);
            return BinaryPrimitives.ReadUInt64LittleEndian(hash);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The prompt's Poisson(1) weight in every resample, in resample order.</summary>
    /// <remarks>
    /// Resample r's draw is the top 53 bits of Mix(state + (r + 1) × golden); its weight is how many thresholds it
    /// reaches. The first four are compared by subtraction, without branches (98% of draws stop there), four resamples
    /// at a time where the CPU has vectors; the rare larger weights walk on one by one. Both paths give the same weights.
    /// </remarks>
    public void Weights(ulong key, Span<double> weights)
    {
        var state = Mix(key ^ _weightStream);
        var r = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var counter = Vector256.Create(state) + Vector256.Create(1UL, 2, 3, 4) * Golden;
            var step = Vector256.Create(unchecked(4 * Golden));
            var (t0, t1, t2, t3) = (Vector256.Create(PoissonThresholds[0]), Vector256.Create(PoissonThresholds[1]),
                Vector256.Create(PoissonThresholds[2]), Vector256.Create(PoissonThresholds[3]));
            ref var weight = ref MemoryMarshal.GetReference(weights);
            for (; r <= weights.Length - 4; r += 4, counter += step)
            {
                var u = (Mix(counter) >> 11).AsInt64();
                var below = ((u - t0).AsUInt64() >> 63) + ((u - t1).AsUInt64() >> 63) + ((u - t2).AsUInt64() >> 63) + ((u - t3).AsUInt64() >> 63);
                var k = Vector256.Create(4UL) - below;
                // k (0 to 4) as a double: its bits under 2^52's exponent are 2^52 + k.
                ((k | Vector256.Create(TwoTo52Bits)).AsDouble() - Vector256.Create(TwoTo52)).StoreUnsafe(ref weight, (nuint)r);
                if (Vector256.EqualsAny(below, Vector256<ulong>.Zero))
                {
                    for (var lane = 0; lane < 4; lane++)
                    {
                        weights[r + lane] = WeightFrom(state, r + lane);
                    }
                }
            }
        }
        for (; r < weights.Length; r++)
        {
            weights[r] = WeightFrom(state, r);
        }
    }

    /// <summary>The prompt's weight in resample r alone (what <see cref="Weights"/> computes for all of them).</summary>
    internal int Weight(ulong key, int r) => WeightFrom(Mix(key ^ _weightStream), r);

    /// <summary>Whether permutation k swaps the prompt's models, alone (what <see cref="Signs"/> computes for all of them).</summary>
    internal int Sign(ulong key, int k) => (int)((Mix(Mix(key ^ _signStream) + (ulong)(k / 64 + 1) * Golden) >> (k % 64)) & 1);

    private static int WeightFrom(ulong state, int r)
    {
        var u = (long)(Mix(state + (ulong)(r + 1) * Golden) >> 11);
        var k = 4 - (int)(((ulong)(u - PoissonThresholds[0]) >> 63) + ((ulong)(u - PoissonThresholds[1]) >> 63)
            + ((ulong)(u - PoissonThresholds[2]) >> 63) + ((ulong)(u - PoissonThresholds[3]) >> 63));
        while (k >= 4 && u >= PoissonThresholds[k])
        {
            k++;
        }
        return k;
    }

    /// <summary>Whether the prompt's two models are swapped in every permutation (1) or not (0): one bit a permutation.</summary>
    public void Signs(ulong key, Span<double> signs)
    {
        var state = Mix(key ^ _signStream);
        for (var start = 0; start < signs.Length; start += 64)
        {
            var bits = Mix(state + (ulong)(start / 64 + 1) * Golden);
            var block = signs.Slice(start, Math.Min(64, signs.Length - start));
            var j = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                var (all, mask) = (Vector256.Create(bits), Vector256.Create(1UL, 2, 4, 8));
                ref var sign = ref MemoryMarshal.GetReference(block);
                for (; j <= block.Length - 4; j += 4, mask <<= 4)
                {
                    Vector256.ConditionalSelect(Vector256.Equals(all & mask, Vector256<ulong>.Zero).AsDouble(), Vector256<double>.Zero, Vector256<double>.One)
                        .StoreUnsafe(ref sign, (nuint)j);
                }
            }
            for (; j < block.Length; j++)
            {
                block[j] = (bits >> j) & 1;
            }
        }
    }

    /// <summary>SplitMix64's finaliser (Steele, Lea &amp; Flood 2014): a bijection whose every output bit depends on every input bit.</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static Vector256<ulong> Mix(Vector256<ulong> z)
    {
        z = Multiply(z ^ (z >> 30), 0xBF58476D1CE4E5B9UL);
        z = Multiply(z ^ (z >> 27), 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    /// <summary>z × c mod 2^64 a lane at a time. AVX2 has no 64-bit multiply (the generic operator falls back to one lane
    /// at a time): three 32 × 32 → 64-bit products make it, lo × lo + ((hi × lo + lo × hi) &lt;&lt; 32).</summary>
    private static Vector256<ulong> Multiply(Vector256<ulong> z, ulong c)
    {
        if (!Avx2.IsSupported)
        {
            return z * c;
        }
        var (low, high) = (Vector256.Create(c & 0xFFFFFFFF).AsUInt32(), Vector256.Create(c >> 32).AsUInt32());
        var cross = Avx2.Multiply((z >> 32).AsUInt32(), low) + Avx2.Multiply(z.AsUInt32(), high);
        return Avx2.Multiply(z.AsUInt32(), low) + (cross << 32);
    }

    private static long[] BuildPoissonThresholds()
    {
        var thresholds = new long[24];
        var (p, cdf) = (0.36787944117144233, 0.36787944117144233); // e^-1, the nearest double
        for (var k = 0; k < thresholds.Length; k++)
        {
            thresholds[k] = (long)Math.Ceiling(Math.Min(cdf, 1) * TwoTo52 * 2); // cdf × 2^53 is exact; 2^53 once it reaches 1
            p /= k + 1;
            cdf += p;
        }
        return thresholds;
    }
}
