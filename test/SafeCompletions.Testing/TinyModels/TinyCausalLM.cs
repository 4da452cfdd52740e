using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SafeCompletions.Testing.TinyModels;

/// <summary>
/// Writes a tiny random-weight causal language model (a few hundred KB) in Hugging Face layout — config.json,
/// model.safetensors, tokenizer.json, tokenizer_config.json, generation_config.json — and the very same weights as a
/// GGUF file for llama.cpp, the independent reference. The safetensors are written here byte by byte, not by the
/// product's writer, so a test reading them checks the product's reader.
/// </summary>
public static class TinyCausalLM
{
    public static int VocabSize => TinyTokenizer.Tokens().Count;

    /// <summary>The weights in Hugging Face's names and shapes ([out, in] for projections), random per seed.</summary>
    public static IReadOnlyList<(string Name, long[] Shape, float[] Data)> Weights(TinyShape shape, int seed = 7)
    {
        var random = new Random(seed);
        float[] Rand(long n, float scale) => [.. Enumerable.Range(0, (int)n).Select(_ => (float)(random.NextDouble() * 2 - 1) * scale)];
        float[] NearOne(long n) => [.. Enumerable.Range(0, (int)n).Select(_ => 1f + (float)(random.NextDouble() * 2 - 1) * 0.1f)];
        var (h, v, q, kv, ff) = ((long)shape.Hidden, (long)shape.VocabSize, (long)shape.Heads * shape.HeadDim, (long)shape.KvHeads * shape.HeadDim, (long)shape.Intermediate);
        var weights = new List<(string, long[], float[])> { ("model.embed_tokens.weight", [v, h], Rand(v * h, 1f)) };
        for (var i = 0; i < shape.Layers; i++)
        {
            var p = $"model.layers.{i}.";
            weights.Add((p + "input_layernorm.weight", [h], NearOne(h)));
            weights.Add((p + "self_attn.q_proj.weight", [q, h], Rand(q * h, shape.ProjectionScale)));
            weights.Add((p + "self_attn.k_proj.weight", [kv, h], Rand(kv * h, shape.ProjectionScale)));
            weights.Add((p + "self_attn.v_proj.weight", [kv, h], Rand(kv * h, shape.ProjectionScale)));
            if (shape.QkvBias)
            {
                weights.Add((p + "self_attn.q_proj.bias", [q], Rand(q, 0.1f)));
                weights.Add((p + "self_attn.k_proj.bias", [kv], Rand(kv, 0.1f)));
                weights.Add((p + "self_attn.v_proj.bias", [kv], Rand(kv, 0.1f)));
            }
            weights.Add((p + "self_attn.o_proj.weight", [h, q], Rand(h * q, shape.ProjectionScale)));
            weights.Add((p + "post_attention_layernorm.weight", [h], NearOne(h)));
            weights.Add((p + "mlp.gate_proj.weight", [ff, h], Rand(ff * h, shape.ProjectionScale)));
            weights.Add((p + "mlp.up_proj.weight", [ff, h], Rand(ff * h, shape.ProjectionScale)));
            weights.Add((p + "mlp.down_proj.weight", [h, ff], Rand(h * ff, shape.ProjectionScale)));
        }
        weights.Add(("model.norm.weight", [h], NearOne(h)));
        if (!shape.TiedEmbeddings)
        {
            weights.Add(("lm_head.weight", [v, h], Rand(v * h, shape.ProjectionScale)));
        }
        return weights;
    }

    /// <summary>Writes the model directory; returns it.</summary>
    public static string WriteHuggingFace(string directory, TinyShape shape, int seed = 7, string? chatTemplate = null)
    {
        Directory.CreateDirectory(directory);
        WriteSafetensors(Path.Combine(directory, "model.safetensors"), Weights(shape, seed));
        File.WriteAllText(Path.Combine(directory, "config.json"), ConfigJson(shape));
        File.WriteAllText(Path.Combine(directory, "tokenizer.json"), TinyTokenizer.TokenizerJson());
        File.WriteAllText(Path.Combine(directory, "tokenizer_config.json"), TinyTokenizer.TokenizerConfigJson(shape.Chat, chatTemplate));
        File.WriteAllText(Path.Combine(directory, "generation_config.json"), new JsonObject
        {
            ["eos_token_id"] = new JsonArray([.. TinyTokenizer.EndOfTurnIds(shape.Chat).Select(i => (JsonNode)i)]),
            ["temperature"] = 0.7,
            ["top_p"] = 0.9,
        }.ToJsonString());
        return directory;
    }

    public static string ConfigJson(TinyShape shape)
    {
        var config = new JsonObject
        {
            ["architectures"] = new JsonArray(shape.Architecture),
            ["model_type"] = shape.ModelType,
            ["hidden_size"] = shape.Hidden,
            ["intermediate_size"] = shape.Intermediate,
            ["num_hidden_layers"] = shape.Layers,
            ["num_attention_heads"] = shape.Heads,
            ["num_key_value_heads"] = shape.KvHeads,
            ["head_dim"] = shape.HeadDim,
            ["rms_norm_eps"] = shape.RmsNormEps,
            ["rope_theta"] = shape.RopeTheta,
            ["vocab_size"] = shape.VocabSize,
            ["max_position_embeddings"] = 512,
            ["tie_word_embeddings"] = shape.TiedEmbeddings,
            ["hidden_act"] = "silu",
            ["torch_dtype"] = "float32",
            ["eos_token_id"] = TinyTokenizer.EndOfTurnIds(shape.Chat)[0],
        };
        if (shape.Llama3RopeScaling)
        {
            config["rope_scaling"] = new JsonObject
            {
                ["rope_type"] = "llama3", ["factor"] = 8.0, ["low_freq_factor"] = 1.0, ["high_freq_factor"] = 4.0, ["original_max_position_embeddings"] = 64,
            };
        }
        return config.ToJsonString();
    }

    /// <summary>Writes float32 tensors in the safetensors format: an 8-byte header length, a JSON header, the data.</summary>
    public static void WriteSafetensors(string path, IReadOnlyList<(string Name, long[] Shape, float[] Data)> tensors)
    {
        var header = new JsonObject { ["__metadata__"] = new JsonObject { ["format"] = "pt" } };
        long offset = 0;
        foreach (var (name, shape, data) in tensors)
        {
            header[name] = new JsonObject
            {
                ["dtype"] = "F32",
                ["shape"] = new JsonArray([.. shape.Select(d => (JsonNode)d)]),
                ["data_offsets"] = new JsonArray(offset, offset + data.Length * 4L),
            };
            offset += data.Length * 4L;
        }
        var json = Encoding.UTF8.GetBytes(header.ToJsonString());
        using var w = new BinaryWriter(File.Create(path));
        w.Write((ulong)json.Length);
        w.Write(json);
        foreach (var (_, _, data) in tensors)
        {
            foreach (var f in data)
            {
                w.Write(f);
            }
        }
    }

    /// <summary>The same weights as GGUF, converted the way llama.cpp's convert_hf_to_gguf.py does.</summary>
    public static void WriteGguf(string path, TinyShape shape, int seed = 7)
    {
        var arch = shape.ModelType == "qwen2" ? "qwen2" : "llama";
        var gguf = new GgufWriter()
            .Add("general.architecture", arch)
            .Add("general.name", "tiny-random")
            .Add($"{arch}.context_length", 512u)
            .Add($"{arch}.embedding_length", (uint)shape.Hidden)
            .Add($"{arch}.block_count", (uint)shape.Layers)
            .Add($"{arch}.feed_forward_length", (uint)shape.Intermediate)
            .Add($"{arch}.attention.head_count", (uint)shape.Heads)
            .Add($"{arch}.attention.head_count_kv", (uint)shape.KvHeads)
            .Add($"{arch}.attention.key_length", (uint)shape.HeadDim)
            .Add($"{arch}.attention.value_length", (uint)shape.HeadDim)
            .Add($"{arch}.rope.dimension_count", (uint)shape.HeadDim)
            .Add($"{arch}.rope.freq_base", (float)shape.RopeTheta)
            .Add($"{arch}.attention.layer_norm_rms_epsilon", (float)shape.RmsNormEps)
            .Add("tokenizer.ggml.model", "gpt2")
            .Add("tokenizer.ggml.tokens", TinyTokenizer.Tokens())
            .Add("tokenizer.ggml.token_type", [.. TinyTokenizer.Tokens().Select(t => TinyTokenizer.Specials.Contains(t) ? 3 : 1)])
            .Add("tokenizer.ggml.merges", TinyTokenizer.MergeRules())
            .Add("tokenizer.ggml.bos_token_id", (uint)TinyTokenizer.IdOf("<|endoftext|>"))
            .Add("tokenizer.ggml.eos_token_id", (uint)TinyTokenizer.EndOfTurnIds(shape.Chat)[0]);
        if (shape.Llama3RopeScaling)
        {
            gguf.Tensor("rope_freqs.weight", [shape.HeadDim / 2], Llama3RopeFactors(shape));
        }
        foreach (var (name, dims, data) in Weights(shape, seed))
        {
            var ggufName = GgufName(name);
            var values = arch == "llama" && (name.EndsWith("q_proj.weight", StringComparison.Ordinal) || name.EndsWith("k_proj.weight", StringComparison.Ordinal))
                ? Permute(data, dims, name.Contains("q_proj", StringComparison.Ordinal) ? shape.Heads : shape.KvHeads)
                : data;
            gguf.Tensor(ggufName, [.. dims.Reverse()], values);
        }
        gguf.Write(path);
    }

    /// <summary>
    /// llama.cpp's llama architecture rotates interleaved pairs where Hugging Face rotates halves; the converter permutes
    /// the rows of each head of q and k to match.
    /// </summary>
    private static float[] Permute(float[] data, long[] dims, int heads)
    {
        var (rows, cols) = ((int)dims[0], (int)dims[1]);
        var half = rows / heads / 2;
        var result = new float[data.Length];
        for (var head = 0; head < heads; head++)
        {
            for (var pair = 0; pair < 2; pair++)
            {
                for (var i = 0; i < half; i++)
                {
                    var from = head * 2 * half + pair * half + i;
                    var to = head * 2 * half + i * 2 + pair;
                    Array.Copy(data, from * cols, result, to * cols, cols);
                }
            }
        }
        return result;
    }

    /// <summary>llama.cpp's form of Llama 3's rope scaling: a factor dividing each frequency (convert_hf_to_gguf.py).</summary>
    private static float[] Llama3RopeFactors(TinyShape shape)
    {
        const double factor = 8, low = 1, high = 4, original = 64;
        return [.. Enumerable.Range(0, shape.HeadDim / 2).Select(i =>
        {
            var frequency = 1.0 / Math.Pow(shape.RopeTheta, 2.0 * i / shape.HeadDim);
            var wavelength = 2 * Math.PI / frequency;
            if (wavelength < original / high)
            {
                return 1f;
            }
            if (wavelength > original / low)
            {
                return (float)factor;
            }
            var smooth = (original / wavelength - low) / (high - low);
            return (float)(1 / ((1 - smooth) / factor + smooth));
        })];
    }

    private static readonly (string Hf, string Gguf)[] GgufNames =
    [
        ("model.embed_tokens.", "token_embd."), ("model.norm.", "output_norm."), ("lm_head.", "output."), ("model.layers.", "blk."),
        ("input_layernorm.", "attn_norm."), ("post_attention_layernorm.", "ffn_norm."), ("self_attn.q_proj.", "attn_q."), ("self_attn.k_proj.", "attn_k."),
        ("self_attn.v_proj.", "attn_v."), ("self_attn.o_proj.", "attn_output."), ("mlp.gate_proj.", "ffn_gate."), ("mlp.up_proj.", "ffn_up."), ("mlp.down_proj.", "ffn_down."),
    ];

    private static string GgufName(string name) => GgufNames.Aggregate(name, (n, r) => n.Replace(r.Hf, r.Gguf, StringComparison.Ordinal));
}
