using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace SafeCompletions.Training.Modeling;

/// <summary>
/// One Llama-family decoder block: RMSNorm, grouped-query self-attention with rotary positions, a residual, RMSNorm,
/// the SwiGLU MLP (down(silu(gate(x))·up(x))), a residual.
/// </summary>
public sealed class DecoderLayer(int index, ModelConfig config, Tensor inputNorm, Tensor postAttentionNorm, Projection[] projections) : IDisposable
{
    public int Index => index;

    /// <summary>q, k, v, o, gate, up, down, in that order.</summary>
    public IReadOnlyList<Projection> Projections => projections;

    public Tensor InputNorm => inputNorm;

    public Tensor PostAttentionNorm => postAttentionNorm;

    public Tensor Forward(Tensor x, RotaryEmbedding rope, KvCache? cache, bool training)
    {
        var (q, k, v, o, gate, up, down) = (projections[0], projections[1], projections[2], projections[3], projections[4], projections[5], projections[6]);
        var (batch, tokens) = (x.shape[0], x.shape[1]);
        var h = RmsNorm(x, inputNorm, config.RmsNormEps);
        var queries = q.Forward(h, training).view(batch, tokens, config.Heads, config.HeadDim).transpose(1, 2);
        var keys = k.Forward(h, training).view(batch, tokens, config.KvHeads, config.HeadDim).transpose(1, 2);
        var values = v.Forward(h, training).view(batch, tokens, config.KvHeads, config.HeadDim).transpose(1, 2);
        var past = cache?.Length ?? 0;
        queries = rope.Apply(queries, past);
        keys = rope.Apply(keys, past);
        if (cache is not null)
        {
            (keys, values) = cache.Append(index, keys, values);
        }
        if (config.KvHeads != config.Heads)
        {
            keys = keys.repeat_interleave(config.Heads / config.KvHeads, 1);
            values = values.repeat_interleave(config.Heads / config.KvHeads, 1);
        }
        var attended = Attention(queries, keys, values, past);
        var merged = attended.transpose(1, 2).reshape(batch, tokens, config.Heads * config.HeadDim);
        x = x + o.Forward(merged, training);
        h = RmsNorm(x, postAttentionNorm, config.RmsNormEps);
        return x + down.Forward(silu(gate.Forward(h, training)) * up.Forward(h, training), training);
    }

    /// <summary>Causal attention of the new tokens over the <paramref name="past"/> cached ones and themselves.</summary>
    private static Tensor Attention(Tensor queries, Tensor keys, Tensor values, int past)
    {
        var tokens = queries.shape[2];
        if (past == 0)
        {
            // TorchSharp spells PyTorch's is_causal "is_casual".
            return scaled_dot_product_attention(queries, keys, values, is_casual: tokens > 1);
        }
        if (tokens == 1)
        {
            return scaled_dot_product_attention(queries, keys, values);
        }
        var allowed = ones(tokens, past + tokens, ScalarType.Bool).tril(past);
        return scaled_dot_product_attention(queries, keys, values, attn_mask: allowed);
    }

    /// <summary>Hugging Face's LlamaRMSNorm: x / sqrt(mean(x²) + eps), in float32, times the weight.</summary>
    public static Tensor RmsNorm(Tensor x, Tensor weight, double eps)
    {
        var variance = x.pow(2).mean([-1], keepdim: true);
        return weight * (x * rsqrt(variance + eps));
    }

    public void Dispose()
    {
        inputNorm.Dispose();
        postAttentionNorm.Dispose();
        foreach (var p in projections)
        {
            p.Dispose();
        }
    }
}
