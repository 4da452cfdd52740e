using SafeCompletions.Testing.TinyModels;
using SafeCompletions.Training.Modeling;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace SafeCompletions.Training.Tests.Modeling;

/// <summary>
/// The decoder against an independent implementation: llama.cpp computes the logits of the same random weights from a
/// GGUF file (converted as llama.cpp's own converter does), and ours must agree within <see cref="Tolerance"/>.
/// </summary>
public sealed class CausalLMTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>Both compute in float32 with different kernels and summation orders; the measured differences are 2–5e-6.</summary>
    private const float Tolerance = 2e-5f;

    private static readonly int[] Tokens = [3, 71, 104, 101, 108, 108, 111, 32, 119, 111, 114, 108, 100, 10, 269, 7, 200, 45];

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string> Shapes => ["llama", "qwen2", "llama3-rope-scaling"];

    private static TinyShape ShapeOf(string name) => name switch
    {
        "llama" => TinyShape.Llama,
        "qwen2" => TinyShape.Qwen2,
        _ => TinyShape.Llama with { Llama3RopeScaling = true, RopeTheta = 500000 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Forward_TinyRandomModel_MatchesLlamaCppLogits(string name)
    {
        var shape = ShapeOf(name);
        var directory = TinyCausalLM.WriteHuggingFace(_dir.File(name), shape);
        var gguf = _dir.File(name + ".gguf");
        TinyCausalLM.WriteGguf(gguf, shape);
        var expected = LlamaCppReference.Logits(gguf, Tokens);

        using var model = CausalLM.Load(directory);
        using var ids = tensor(Tokens.Select(t => (long)t).ToArray(), [1, Tokens.Length]);
        using var logits = model.Forward(ids);
        var ours = logits.squeeze(0).data<float>().ToArray();

        var vocab = TinyCausalLM.VocabSize;
        var worst = Enumerable.Range(0, Tokens.Length).SelectMany(i => Enumerable.Range(0, vocab).Select(j => Math.Abs(ours[i * vocab + j] - expected[i][j]))).Max();
        output.WriteLine($"{name}: largest difference from llama.cpp {worst:E2}");
        Assert.True(worst < Tolerance, $"largest difference from llama.cpp: {worst}");
        Assert.True(expected.SelectMany(x => x).Max() - expected.SelectMany(x => x).Min() > 1, "the logits should vary enough for the comparison to mean something");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Forward_TokenByTokenThroughTheCache_EqualsOnePass(string name)
    {
        using var model = CausalLM.Load(TinyCausalLM.WriteHuggingFace(_dir.File(name), ShapeOf(name)));
        using var ids = tensor(Tokens.Select(t => (long)t).ToArray(), [1, Tokens.Length]);
        using var whole = model.Forward(ids);
        using var cache = new KvCache(model.Config, 64);

        using var prefix = model.Forward(ids.narrow(1, 0, 5), cache);
        var stepped = new List<Tensor> { prefix };
        for (var i = 5; i < Tokens.Length; i++)
        {
            stepped.Add(model.Forward(ids.narrow(1, i, 1), cache));
        }
        using var cached = cat(stepped, 1);

        Assert.True(cached.allclose(whole, rtol: 0, atol: 1e-5), $"largest difference {(cached - whole).abs().max().item<float>()}");
    }

    [Fact]
    public void Load_Mistral_RunsTheLlamaLayoutUnderItsName()
    {
        using var mistral = CausalLM.Load(TinyCausalLM.WriteHuggingFace(_dir.File("mistral"), TinyShape.Mistral));
        using var llama = CausalLM.Load(TinyCausalLM.WriteHuggingFace(_dir.File("llama"), TinyShape.Mistral with { Architecture = "LlamaForCausalLM" }));
        using var ids = tensor(Tokens.Select(t => (long)t).ToArray(), [1, Tokens.Length]);

        Assert.Equal("MistralForCausalLM", mistral.Config.Architecture);
        Assert.True(mistral.Forward(ids).allclose(llama.Forward(ids), rtol: 0, atol: 0));
    }

    [Fact]
    public void Load_UnknownRopeScaling_IsRefusedNamingTheField()
    {
        var directory = TinyCausalLM.WriteHuggingFace(_dir.File("m"), TinyShape.Llama);
        var config = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "config.json")))!;
        config["rope_scaling"] = new System.Text.Json.Nodes.JsonObject { ["rope_type"] = "yarn", ["factor"] = 4.0 };
        File.WriteAllText(Path.Combine(directory, "config.json"), config.ToJsonString());

        var error = Assert.Throws<InvalidDataException>(() => CausalLM.Load(directory));

        Assert.Contains("rope_scaling", error.Message);
        Assert.Contains("yarn", error.Message);
    }
}
