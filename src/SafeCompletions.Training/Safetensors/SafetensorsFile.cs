using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SafeCompletions.Files;
using TorchSharp;
using static TorchSharp.torch;

namespace SafeCompletions.Training.Safetensors;

/// <summary>
/// Reads and writes the safetensors format (an 8-byte little-endian header length, a JSON header naming each tensor's
/// dtype, shape and byte range, then the raw data), and the sharded form Hugging Face writes for large models
/// (<c>model.safetensors.index.json</c> mapping each tensor to its shard).
/// </summary>
public static class SafetensorsFile
{
    /// <summary>The single file or index a model directory holds its weights in.</summary>
    public static string WeightsPath(string directory)
    {
        var single = Path.Combine(directory, "model.safetensors");
        var index = Path.Combine(directory, "model.safetensors.index.json");
        return File.Exists(single) ? single
            : File.Exists(index) ? index
            : throw new FileNotFoundException($"{directory}: no model.safetensors nor model.safetensors.index.json", single);
    }

    /// <summary>Every tensor of a file, or of every shard an index names, by name; float types kept as stored.</summary>
    public static Dictionary<string, Tensor> Load(string path)
    {
        if (path.EndsWith(".index.json", StringComparison.Ordinal))
        {
            return LoadSharded(path);
        }
        using var stream = OpenRead(path);
        var (header, dataStart) = ReadHeader(stream, path);
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, node) in header)
        {
            if (name == "__metadata__" || node is not JsonObject entry)
            {
                continue;
            }
            var dtype = DType(entry["dtype"]?.GetValue<string>(), path, name);
            var shape = entry["shape"]?.AsArray().Select(d => d!.GetValue<long>()).ToArray() ?? throw Bad(path, name, "no shape");
            var offsets = entry["data_offsets"]?.AsArray().Select(d => d!.GetValue<long>()).ToArray() ?? throw Bad(path, name, "no data_offsets");
            var length = offsets[1] - offsets[0];
            var tensor = empty(shape, dtype);
            if (length != tensor.NumberOfElements * tensor.ElementSize)
            {
                throw Bad(path, name, $"data_offsets span {length} bytes, the shape needs {tensor.NumberOfElements * tensor.ElementSize}");
            }
            var bytes = new byte[length];
            stream.Position = dataStart + offsets[0];
            stream.ReadExactly(bytes);
            tensor.bytes = bytes;
            tensors[name] = tensor;
        }
        return tensors;
    }

    /// <summary>Writes <paramref name="tensors"/> (each converted to <paramref name="dtype"/>) to <paramref name="path"/>, through a temporary file.</summary>
    public static void Save(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors, ScalarType dtype = ScalarType.Float32, IReadOnlyDictionary<string, string>? metadata = null)
    {
        using var scope = NewDisposeScope();
        var converted = tensors.Select(t => (t.Key, Tensor: t.Value.detach().to(dtype).contiguous().cpu())).ToList();
        var header = new JsonObject();
        var meta = new JsonObject { ["format"] = "pt" };
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
        {
            meta[key] = value;
        }
        header["__metadata__"] = meta;
        long offset = 0;
        foreach (var (name, tensor) in converted)
        {
            var length = tensor.NumberOfElements * tensor.ElementSize;
            header[name] = new JsonObject
            {
                ["dtype"] = DTypeName(dtype),
                ["shape"] = new JsonArray([.. tensor.shape.Select(d => (JsonNode)d)]),
                ["data_offsets"] = new JsonArray(offset, offset + length),
            };
            offset += length;
        }
        var json = Encoding.UTF8.GetBytes(header.ToJsonString());
        var padded = (json.Length + 7) / 8 * 8;
        using var file = AtomicFile.Create(path);
        Span<byte> size = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(size, (ulong)padded);
        file.Write(size);
        file.Write(json);
        for (var i = json.Length; i < padded; i++)
        {
            file.Write(" "u8);
        }
        foreach (var (_, tensor) in converted)
        {
            file.Write(tensor.bytes);
        }
        file.Commit();
    }

    private static Dictionary<string, Tensor> LoadSharded(string indexPath)
    {
        JsonNode? index;
        try
        {
            index = JsonNode.Parse(File.ReadAllText(indexPath));
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{indexPath}: not JSON: {ex.Message}", ex);
        }
        var map = index?["weight_map"]?.AsObject() ?? throw new InvalidDataException($"{indexPath}: no weight_map");
        var directory = Path.GetDirectoryName(indexPath)!;
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var shard in map.Select(p => p.Value!.GetValue<string>()).Distinct(StringComparer.Ordinal))
        {
            foreach (var (name, tensor) in Load(Path.Combine(directory, shard)))
            {
                tensors[name] = tensor;
            }
        }
        var missing = map.Select(p => p.Key).FirstOrDefault(n => !tensors.ContainsKey(n));
        return missing is null ? tensors : throw new InvalidDataException($"{indexPath}: weight_map names {missing}, which its shard lacks");
    }

    private static (JsonObject Header, long DataStart) ReadHeader(FileStream stream, string path)
    {
        Span<byte> size = stackalloc byte[8];
        if (stream.Read(size) != 8)
        {
            throw new InvalidDataException($"{path}: too short for a safetensors file");
        }
        var length = BinaryPrimitives.ReadUInt64LittleEndian(size);
        if (length > 100_000_000 || (long)length > stream.Length - 8)
        {
            throw new InvalidDataException($"{path}: header length {length} does not fit the file; not a safetensors file");
        }
        var json = new byte[length];
        stream.ReadExactly(json);
        try
        {
            return (JsonNode.Parse(json)?.AsObject() ?? throw new InvalidDataException($"{path}: empty header"), 8 + (long)length);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: the header is not JSON: {ex.Message}", ex);
        }
    }

    private static FileStream OpenRead(string path) =>
        File.Exists(path) ? File.OpenRead(path) : throw new FileNotFoundException($"no safetensors file at {path}", path);

    private static ScalarType DType(string? name, string path, string tensor) => name switch
    {
        "F32" => ScalarType.Float32,
        "BF16" => ScalarType.BFloat16,
        "F16" => ScalarType.Float16,
        "I64" => ScalarType.Int64,
        "I32" => ScalarType.Int32,
        _ => throw Bad(path, tensor, $"dtype {name ?? "(none)"} is not supported (F32, BF16, F16, I64, I32)"),
    };

    private static string DTypeName(ScalarType dtype) => dtype switch
    {
        ScalarType.Float32 => "F32",
        ScalarType.BFloat16 => "BF16",
        ScalarType.Float16 => "F16",
        _ => throw new ArgumentException($"cannot write {dtype}; write F32, BF16 or F16", nameof(dtype)),
    };

    private static InvalidDataException Bad(string path, string tensor, string problem) => new($"{path}: tensor {tensor}: {problem}");
}
