using static TorchSharp.torch;

namespace SafeCompletions.Training.Modeling;

/// <summary>
/// The keys and values of the tokens seen so far, per layer, in buffers allocated once for
/// <see cref="Capacity"/> tokens so each generated token writes its slot instead of copying the whole cache.
/// </summary>
public sealed class KvCache : IDisposable
{
    private readonly Tensor[] _keys;
    private readonly Tensor[] _values;

    public KvCache(ModelConfig config, int capacity, long batch = 1)
    {
        Capacity = capacity;
        _keys = [.. Enumerable.Range(0, config.Layers).Select(_ => zeros(batch, config.KvHeads, capacity, config.HeadDim, ScalarType.Float32))];
        _values = [.. Enumerable.Range(0, config.Layers).Select(_ => zeros(batch, config.KvHeads, capacity, config.HeadDim, ScalarType.Float32))];
    }

    /// <summary>Tokens cached so far.</summary>
    public int Length { get; private set; }

    public int Capacity { get; }

    /// <summary>Writes one layer's new keys and values ([batch, kv_heads, tokens, head_dim]); returns that layer's keys and values so far.</summary>
    public (Tensor Keys, Tensor Values) Append(int layer, Tensor keys, Tensor values)
    {
        var tokens = keys.shape[2];
        if (Length + tokens > Capacity)
        {
            throw new InvalidOperationException($"the conversation and the answer outgrew the cache of {Capacity} tokens; lower the token budget");
        }
        _keys[layer].narrow(2, Length, tokens).copy_(keys);
        _values[layer].narrow(2, Length, tokens).copy_(values);
        return (_keys[layer].narrow(2, 0, Length + tokens), _values[layer].narrow(2, 0, Length + tokens));
    }

    /// <summary>Called once every layer has appended <paramref name="tokens"/>.</summary>
    public void Advance(int tokens) => Length += tokens;

    public void Dispose()
    {
        foreach (var t in _keys.Concat(_values))
        {
            t.Dispose();
        }
    }
}
