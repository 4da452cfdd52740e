using System.Text.Json.Nodes;
using SafeCompletions.Testing.TinyModels;
using SafeCompletions.Training.Modeling;
using SafeCompletions.Training.Safetensors;
using static TorchSharp.torch;

namespace SafeCompletions.Training.Tests.Safetensors;

public sealed class SafetensorsFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Load_FileWrittenByAnotherWriter_ReadsEveryTensorExactly()
    {
        var weights = TinyCausalLM.Weights(TinyShape.Qwen2);
        TinyCausalLM.WriteSafetensors(_dir.File("m.safetensors"), weights);

        var loaded = SafetensorsFile.Load(_dir.File("m.safetensors"));

        Assert.Equal(weights.Count, loaded.Count);
        foreach (var (name, shape, data) in weights)
        {
            Assert.Equal(shape, loaded[name].shape);
            Assert.Equal(data, loaded[name].data<float>().ToArray());
        }
    }

    [Fact]
    public void Save_BFloat16_RoundsToBFloat16AndReadsBack()
    {
        using var original = tensor(new[] { 1f, -2.5f, 3.14159f, 1e-3f }, [2, 2]);
        SafetensorsFile.Save(_dir.File("b.safetensors"), [new("w", original)], ScalarType.BFloat16);

        var loaded = SafetensorsFile.Load(_dir.File("b.safetensors"))["w"];

        Assert.Equal(ScalarType.BFloat16, loaded.dtype);
        Assert.True(loaded.to(ScalarType.Float32).allclose(original, rtol: 1e-2, atol: 0));
        Assert.False(loaded.to(ScalarType.Float32).allclose(original, rtol: 0, atol: 0), "3.14159 has no exact bfloat16 form");
    }

    [Fact]
    public void Load_ShardedIndex_JoinsTheShards()
    {
        var weights = TinyCausalLM.Weights(TinyShape.Llama);
        var half = weights.Count / 2;
        TinyCausalLM.WriteSafetensors(_dir.File("model-00001-of-00002.safetensors"), [.. weights.Take(half)]);
        TinyCausalLM.WriteSafetensors(_dir.File("model-00002-of-00002.safetensors"), [.. weights.Skip(half)]);
        var map = new JsonObject();
        foreach (var (name, index) in weights.Select((w, i) => (w.Name, i)))
        {
            map[name] = index < half ? "model-00001-of-00002.safetensors" : "model-00002-of-00002.safetensors";
        }
        File.WriteAllText(_dir.File("model.safetensors.index.json"), new JsonObject { ["metadata"] = new JsonObject(), ["weight_map"] = map }.ToJsonString());
        File.WriteAllText(_dir.File("config.json"), TinyCausalLM.ConfigJson(TinyShape.Llama));

        using var model = CausalLM.Load(_dir.Path);

        Assert.Equal(weights.Count, model.NamedWeights().Count());
    }

    [Fact]
    public void Load_TensorShapeUnlikeTheConfig_ThrowsNamingTheTensor()
    {
        var directory = TinyCausalLM.WriteHuggingFace(_dir.File("m"), TinyShape.Llama);
        File.WriteAllText(Path.Combine(directory, "config.json"), TinyCausalLM.ConfigJson(TinyShape.Llama with { Intermediate = 40 }));

        var error = Assert.Throws<InvalidDataException>(() => CausalLM.Load(directory));

        Assert.Contains("model.layers.0.mlp.gate_proj.weight", error.Message);
        Assert.Contains("model.safetensors", error.Message);
    }

    [Fact]
    public void Load_NotSafetensors_ThrowsNamingTheFile()
    {
        File.WriteAllText(_dir.File("x.safetensors"), "hello, not a model");

        var error = Assert.Throws<InvalidDataException>(() => SafetensorsFile.Load(_dir.File("x.safetensors")));

        Assert.Contains("x.safetensors", error.Message);
    }
}
