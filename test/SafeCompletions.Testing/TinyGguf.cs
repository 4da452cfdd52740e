using System.Text;

namespace SafeCompletions.Testing;

/// <summary>
/// Writes a tiny llama-architecture GGUF model with random weights (one block, 32-wide, a byte-level SentencePiece
/// vocabulary) so the gguf: path runs in tests with no downloaded model. It talks nonsense, deterministically per seed.
/// </summary>
public static class TinyGguf
{
    public static void Write(string path, int seed = 7)
    {
        const int embd = 32, ff = 64, heads = 4;
        var tokens = new List<string> { "<unk>", "<s>", "</s>" };
        tokens.AddRange(Enumerable.Range(0, 256).Select(b => $"<0x{b:X2}>"));
        tokens.AddRange(["▁", "▁hello", "a", "e", "l", "o", "h"]);
        var vocab = tokens.Count;
        var types = tokens.Select((t, i) => i == 0 ? 2 : i < 3 ? 3 : i < 259 ? 6 : 1).ToArray();
        var random = new Random(seed);
        float[] Rand(int n) => Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() - 0.5) * 0.2f).ToArray();
        float[] Ones(int n) => Enumerable.Repeat(1f, n).ToArray();
        var tensors = new List<(string Name, long[] Dims, float[] Data)>
        {
            ("token_embd.weight", [embd, vocab], Rand(embd * vocab)),
            ("output_norm.weight", [embd], Ones(embd)),
            ("output.weight", [embd, vocab], Rand(embd * vocab)),
            ("blk.0.attn_norm.weight", [embd], Ones(embd)),
            ("blk.0.attn_q.weight", [embd, embd], Rand(embd * embd)),
            ("blk.0.attn_k.weight", [embd, embd], Rand(embd * embd)),
            ("blk.0.attn_v.weight", [embd, embd], Rand(embd * embd)),
            ("blk.0.attn_output.weight", [embd, embd], Rand(embd * embd)),
            ("blk.0.ffn_norm.weight", [embd], Ones(embd)),
            ("blk.0.ffn_gate.weight", [embd, ff], Rand(embd * ff)),
            ("blk.0.ffn_up.weight", [embd, ff], Rand(embd * ff)),
            ("blk.0.ffn_down.weight", [ff, embd], Rand(ff * embd)),
        };
        using var file = File.Create(path);
        using var w = new BinaryWriter(file, Encoding.UTF8);
        var kvs = new List<Action>();
        int kvCount = 0;
        void Str(string s) { var b = Encoding.UTF8.GetBytes(s); w.Write((ulong)b.Length); w.Write(b); }
        void KvStr(string k, string v) { kvCount++; kvs.Add(() => { Str(k); w.Write(8u); Str(v); }); }
        void KvU32(string k, uint v) { kvCount++; kvs.Add(() => { Str(k); w.Write(4u); w.Write(v); }); }
        void KvF32(string k, float v) { kvCount++; kvs.Add(() => { Str(k); w.Write(6u); w.Write(v); }); }
        void KvStrArr(string k, IList<string> v) { kvCount++; kvs.Add(() => { Str(k); w.Write(9u); w.Write(8u); w.Write((ulong)v.Count); foreach (var s in v) Str(s); }); }
        void KvF32Arr(string k, IList<float> v) { kvCount++; kvs.Add(() => { Str(k); w.Write(9u); w.Write(6u); w.Write((ulong)v.Count); foreach (var f in v) w.Write(f); }); }
        void KvI32Arr(string k, IList<int> v) { kvCount++; kvs.Add(() => { Str(k); w.Write(9u); w.Write(5u); w.Write((ulong)v.Count); foreach (var i in v) w.Write(i); }); }
        KvStr("general.architecture", "llama");
        KvStr("general.name", "tiny-random");
        KvU32("llama.context_length", 64);
        KvU32("llama.embedding_length", embd);
        KvU32("llama.block_count", 1);
        KvU32("llama.feed_forward_length", ff);
        KvU32("llama.attention.head_count", heads);
        KvU32("llama.attention.head_count_kv", heads);
        KvU32("llama.rope.dimension_count", embd / heads);
        KvF32("llama.attention.layer_norm_rms_epsilon", 1e-5f);
        KvStr("tokenizer.ggml.model", "llama");
        KvStrArr("tokenizer.ggml.tokens", tokens);
        KvF32Arr("tokenizer.ggml.scores", tokens.Select((_, i) => -(float)i).ToList());
        KvI32Arr("tokenizer.ggml.token_type", types);
        KvU32("tokenizer.ggml.bos_token_id", 1);
        KvU32("tokenizer.ggml.eos_token_id", 2);
        KvU32("tokenizer.ggml.unknown_token_id", 0);
        w.Write(Encoding.ASCII.GetBytes("GGUF"));
        w.Write(3u);
        w.Write((ulong)tensors.Count);
        w.Write((ulong)kvCount);
        foreach (var kv in kvs) kv();
        ulong offset = 0;
        foreach (var (name, dims, data) in tensors)
        {
            Str(name); w.Write((uint)dims.Length); foreach (var d in dims) w.Write((ulong)d); w.Write(0u); w.Write(offset);
            offset += (ulong)(data.Length * 4);
            offset = (offset + 31) / 32 * 32;
        }
        w.Flush();
        while (file.Position % 32 != 0) w.Write((byte)0);
        var start = file.Position;
        ulong at = 0;
        foreach (var (_, _, data) in tensors)
        {
            while ((ulong)(file.Position - start) < at) w.Write((byte)0);
            foreach (var f in data) w.Write(f);
            at += (ulong)(data.Length * 4);
            at = (at + 31) / 32 * 32;
        }
    }
}
