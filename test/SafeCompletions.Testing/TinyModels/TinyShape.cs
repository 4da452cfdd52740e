namespace SafeCompletions.Testing.TinyModels;

/// <summary>
/// The shape of a tiny random-weight causal language model in Hugging Face layout: small enough that a test writes it
/// in milliseconds, with every feature of the architectures exercised (grouped-query attention, a head_dim unlike
/// hidden/heads, biases, tied embeddings, rope scaling).
/// </summary>
public sealed record TinyShape(
    string Architecture,
    int Hidden = 32,
    int Intermediate = 48,
    int Layers = 2,
    int Heads = 4,
    int KvHeads = 2,
    int HeadDim = 8,
    bool QkvBias = false,
    bool TiedEmbeddings = false,
    double RopeTheta = 10000,
    double RmsNormEps = 1e-6,
    TinyChatFamily Chat = TinyChatFamily.ChatMl,
    bool Llama3RopeScaling = false,
    int? Vocab = null,
    float ProjectionScale = 0.3f)
{
    /// <summary>Rows of the embedding and the output head: the tiny tokenizer's vocabulary unless a larger one is asked for (bench/training.sh's model-sized shapes).</summary>
    public int VocabSize => Vocab is { } vocab ? Math.Max(vocab, TinyCausalLM.VocabSize) : TinyCausalLM.VocabSize;

    /// <summary>Llama 3-like: separate output head, the Llama 3 chat template, a head_dim of 16 (not hidden/heads).</summary>
    public static TinyShape Llama => new("LlamaForCausalLM", HeadDim: 16, Chat: TinyChatFamily.Llama3);

    /// <summary>Qwen2-like: q/k/v biases, tied embeddings, ChatML (llama.cpp's qwen2 needs head_dim = hidden/heads).</summary>
    public static TinyShape Qwen2 => new("Qwen2ForCausalLM", QkvBias: true, TiedEmbeddings: true, RopeTheta: 1000000);

    /// <summary>Mistral-like: the Llama layout under its own name.</summary>
    public static TinyShape Mistral => new("MistralForCausalLM");

    public string ModelType => Architecture switch
    {
        "Qwen2ForCausalLM" => "qwen2",
        "MistralForCausalLM" => "mistral",
        _ => "llama",
    };
}

/// <summary>The chat template and special tokens a tiny model carries.</summary>
public enum TinyChatFamily
{
    ChatMl,
    Llama3,
}
