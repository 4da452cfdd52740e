using System.Text.Json;
using System.Text.Json.Nodes;

namespace SafeCompletions.Training.Modeling;

/// <summary>
/// The part of a Hugging Face config.json the decoder needs, for the architectures this trainer runs:
/// LlamaForCausalLM, Qwen2ForCausalLM (q/k/v biases) and MistralForCausalLM.
/// </summary>
public sealed record ModelConfig(
    string Architecture,
    int HiddenSize,
    int IntermediateSize,
    int Layers,
    int Heads,
    int KvHeads,
    int HeadDim,
    int VocabSize,
    double RmsNormEps,
    double RopeTheta,
    RopeScaling? RopeScaling,
    bool AttentionBias,
    bool TiedEmbeddings,
    int MaxPositions,
    string TorchDtype)
{
    public static readonly string[] Architectures = ["LlamaForCausalLM", "Qwen2ForCausalLM", "MistralForCausalLM"];

    /// <summary>Reads <paramref name="path"/>; a missing or bad field throws naming the file and the field.</summary>
    public static ModelConfig Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"no config.json at {path}", path);
        }
        JsonObject json;
        try
        {
            json = JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? throw new InvalidDataException($"{path}: empty");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: not JSON: {ex.Message}", ex);
        }
        var architecture = json["architectures"]?.AsArray().FirstOrDefault()?.GetValue<string>() ?? throw Missing(path, "architectures");
        if (!Architectures.Contains(architecture))
        {
            throw new InvalidDataException($"{path}: architectures: {architecture} is not supported ({string.Join(", ", Architectures)})");
        }
        int Int(string field) => json[field]?.GetValue<int>() ?? throw Missing(path, field);
        var hidden = Int("hidden_size");
        var heads = Int("num_attention_heads");
        return new ModelConfig(
            architecture,
            hidden,
            Int("intermediate_size"),
            Int("num_hidden_layers"),
            heads,
            json["num_key_value_heads"]?.GetValue<int>() ?? heads,
            json["head_dim"]?.GetValue<int?>() ?? hidden / heads,
            Int("vocab_size"),
            json["rms_norm_eps"]?.GetValue<double>() ?? 1e-6,
            json["rope_theta"]?.GetValue<double>() ?? 10000,
            Modeling.RopeScaling.Parse(json["rope_scaling"] as JsonObject, path),
            architecture == "Qwen2ForCausalLM" || (json["attention_bias"]?.GetValue<bool>() ?? false),
            json["tie_word_embeddings"]?.GetValue<bool>() ?? false,
            json["max_position_embeddings"]?.GetValue<int>() ?? 4096,
            json["torch_dtype"]?.GetValue<string>() ?? "float32");
    }

    private static InvalidDataException Missing(string path, string field) => new($"{path}: {field}: missing");
}
