using SafeCompletions.Training.Safetensors;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace SafeCompletions.Training.Modeling;

/// <summary>
/// A decoder-only language model in Hugging Face's Llama layout (Llama 2/3, Qwen2, Mistral), computed in float32 on
/// the CPU (or the device libtorch was built for) with the weights under their Hugging Face names. The weights are
/// frozen; LoRA adapters (<see cref="Projection.Lora"/>) are what trains.
/// </summary>
public sealed class CausalLM : IDisposable
{
    private readonly Tensor _embedding;
    private readonly Tensor _norm;
    private readonly Projection? _head;
    private readonly DecoderLayer[] _layers;
    private readonly RotaryEmbedding _rope;

    private CausalLM(ModelConfig config, Tensor embedding, DecoderLayer[] layers, Tensor norm, Projection? head)
    {
        Config = config;
        _embedding = embedding;
        _layers = layers;
        _norm = norm;
        _head = head;
        _rope = new RotaryEmbedding(config.HeadDim, config.RopeTheta, config.RopeScaling);
    }

    public ModelConfig Config { get; }

    /// <summary>Dropout in the adapters applies only while training.</summary>
    public bool Training { get; set; }

    public IReadOnlyList<DecoderLayer> Layers => _layers;

    /// <summary>Every projection of every layer (the places a LoRA adapter can go), plus the output head when it is its own.</summary>
    public IEnumerable<Projection> Projections => _layers.SelectMany(l => l.Projections);

    /// <summary>Loads config.json and the safetensors weights of a Hugging Face model directory.</summary>
    public static CausalLM Load(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new FileNotFoundException($"no model directory at {directory}", directory);
        }
        var config = ModelConfig.Load(Path.Combine(directory, "config.json"));
        var path = SafetensorsFile.WeightsPath(directory);
        var weights = SafetensorsFile.Load(path);
        try
        {
            return FromWeights(config, weights, path);
        }
        catch
        {
            foreach (var w in weights.Values)
            {
                w.Dispose();
            }
            throw;
        }
    }

    /// <summary>Builds the model from named weights (converted to float32); throws naming the first missing or misshapen tensor.</summary>
    public static CausalLM FromWeights(ModelConfig config, IDictionary<string, Tensor> weights, string source)
    {
        Tensor Take(string name, params long[] shape)
        {
            if (!weights.Remove(name, out var tensor))
            {
                throw new InvalidDataException($"{source}: tensor {name}: missing");
            }
            if (!tensor.shape.SequenceEqual(shape))
            {
                throw new InvalidDataException($"{source}: tensor {name}: shape [{string.Join(", ", tensor.shape)}], config.json implies [{string.Join(", ", shape)}]");
            }
            var f32 = tensor.to(ScalarType.Float32).detach();
            if (!ReferenceEquals(f32, tensor))
            {
                tensor.Dispose();
            }
            return f32;
        }
        Tensor? TakeOptional(string name, long size) => weights.ContainsKey(name) ? Take(name, size) : null;
        var (h, q, kv, ff, v) = ((long)config.HiddenSize, (long)config.Heads * config.HeadDim, (long)config.KvHeads * config.HeadDim, (long)config.IntermediateSize, (long)config.VocabSize);
        var embedding = Take("model.embed_tokens.weight", v, h);
        var layers = new DecoderLayer[config.Layers];
        for (var i = 0; i < config.Layers; i++)
        {
            var p = $"model.layers.{i}.";
            Projection Proj(string name, long outFeatures, long inFeatures, bool biased) =>
                new(p + name, Take(p + name + ".weight", outFeatures, inFeatures), biased ? TakeOptional(p + name + ".bias", outFeatures) : null);
            var bias = config.AttentionBias;
            layers[i] = new DecoderLayer(i, config, Take(p + "input_layernorm.weight", h), Take(p + "post_attention_layernorm.weight", h),
            [
                Proj("self_attn.q_proj", q, h, bias), Proj("self_attn.k_proj", kv, h, bias), Proj("self_attn.v_proj", kv, h, bias), Proj("self_attn.o_proj", h, q, false),
                Proj("mlp.gate_proj", ff, h, false), Proj("mlp.up_proj", ff, h, false), Proj("mlp.down_proj", h, ff, false),
            ]);
        }
        var norm = Take("model.norm.weight", h);
        var head = config.TiedEmbeddings && !weights.ContainsKey("lm_head.weight") ? null : new Projection("lm_head", Take("lm_head.weight", v, h), null);
        foreach (var unused in weights.Values)
        {
            unused.Dispose();
        }
        return new CausalLM(config, embedding, layers, norm, head);
    }

    /// <summary>
    /// Logits [batch, tokens, vocab] for <paramref name="ids"/> ([batch, tokens], int64) following the tokens already in
    /// <paramref name="cache"/> (which it extends); only the last position's when <paramref name="lastOnly"/>.
    /// </summary>
    public Tensor Forward(Tensor ids, KvCache? cache = null, bool lastOnly = false)
    {
        using var scope = NewDisposeScope();
        var (batch, tokens) = (ids.shape[0], ids.shape[1]);
        var x = _embedding.index_select(0, ids.reshape(-1)).view(batch, tokens, -1);
        foreach (var layer in _layers)
        {
            x = layer.Forward(x, _rope, cache, Training);
        }
        cache?.Advance((int)tokens);
        if (lastOnly)
        {
            x = x.narrow(1, tokens - 1, 1);
        }
        x = DecoderLayer.RmsNorm(x, _norm, Config.RmsNormEps);
        var logits = _head is null ? linear(x, _embedding) : _head.Forward(x, Training);
        return logits.MoveToOuterDisposeScope();
    }

    /// <summary>The model's weights under their Hugging Face names (adapters merged or not, as they stand).</summary>
    public IEnumerable<KeyValuePair<string, Tensor>> NamedWeights()
    {
        yield return new("model.embed_tokens.weight", _embedding);
        foreach (var layer in _layers)
        {
            var p = $"model.layers.{layer.Index}.";
            yield return new(p + "input_layernorm.weight", layer.InputNorm);
            foreach (var projection in layer.Projections)
            {
                yield return new(projection.Name + ".weight", projection.Weight);
                if (projection.Bias is { } bias)
                {
                    yield return new(projection.Name + ".bias", bias);
                }
            }
            yield return new(p + "post_attention_layernorm.weight", layer.PostAttentionNorm);
        }
        yield return new("model.norm.weight", _norm);
        if (_head is not null)
        {
            yield return new("lm_head.weight", _head.Weight);
        }
    }

    public void Dispose()
    {
        _embedding.Dispose();
        _norm.Dispose();
        _head?.Dispose();
        _rope.Dispose();
        foreach (var layer in _layers)
        {
            layer.Dispose();
        }
    }
}
