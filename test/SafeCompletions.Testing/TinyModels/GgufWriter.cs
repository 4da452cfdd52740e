using System.Text;

namespace SafeCompletions.Testing.TinyModels;

/// <summary>A minimal GGUF v3 writer for the tiny models tests write: metadata of a few kinds and float32 tensors.</summary>
public sealed class GgufWriter
{
    private readonly List<Action<BinaryWriter>> _metadata = [];
    private readonly List<(string Name, long[] Dims, float[] Data)> _tensors = [];

    public GgufWriter Add(string key, string value) => Kv(key, 8, w => Str(w, value));

    public GgufWriter Add(string key, uint value) => Kv(key, 4, w => w.Write(value));

    public GgufWriter Add(string key, float value) => Kv(key, 6, w => w.Write(value));

    public GgufWriter Add(string key, IReadOnlyList<string> values) =>
        Kv(key, 9, w => { w.Write(8u); w.Write((ulong)values.Count); foreach (var v in values) Str(w, v); });

    public GgufWriter Add(string key, IReadOnlyList<int> values) =>
        Kv(key, 9, w => { w.Write(5u); w.Write((ulong)values.Count); foreach (var v in values) w.Write(v); });

    public GgufWriter Add(string key, IReadOnlyList<float> values) =>
        Kv(key, 9, w => { w.Write(6u); w.Write((ulong)values.Count); foreach (var v in values) w.Write(v); });

    /// <summary>A float32 tensor; <paramref name="dims"/> in GGUF's order, the fastest-varying first ([in, out] for a weight).</summary>
    public GgufWriter Tensor(string name, long[] dims, float[] data)
    {
        _tensors.Add((name, dims, data));
        return this;
    }

    public void Write(string path)
    {
        const int alignment = 32;
        using var file = File.Create(path);
        using var w = new BinaryWriter(file, Encoding.UTF8);
        w.Write("GGUF"u8);
        w.Write(3u);
        w.Write((ulong)_tensors.Count);
        w.Write((ulong)_metadata.Count);
        foreach (var kv in _metadata)
        {
            kv(w);
        }
        ulong offset = 0;
        foreach (var (name, dims, data) in _tensors)
        {
            Str(w, name);
            w.Write((uint)dims.Length);
            foreach (var d in dims)
            {
                w.Write((ulong)d);
            }
            w.Write(0u);
            w.Write(offset);
            offset = Aligned(offset + (ulong)data.Length * 4, alignment);
        }
        w.Flush();
        Pad(w, file.Position, alignment);
        var start = file.Position;
        foreach (var (_, _, data) in _tensors)
        {
            foreach (var f in data)
            {
                w.Write(f);
            }
            w.Flush();
            Pad(w, file.Position - start, alignment);
        }
    }

    private GgufWriter Kv(string key, uint type, Action<BinaryWriter> value)
    {
        _metadata.Add(w => { Str(w, key); w.Write(type); value(w); });
        return this;
    }

    private static void Str(BinaryWriter w, string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        w.Write((ulong)bytes.Length);
        w.Write(bytes);
    }

    private static ulong Aligned(ulong at, int alignment) => (at + (ulong)alignment - 1) / (ulong)alignment * (ulong)alignment;

    private static void Pad(BinaryWriter w, long at, int alignment)
    {
        for (var i = at; i % alignment != 0; i++)
        {
            w.Write((byte)0);
        }
    }
}
