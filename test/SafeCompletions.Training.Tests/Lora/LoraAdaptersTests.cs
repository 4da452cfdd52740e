using SafeCompletions.Testing.TinyModels;
using SafeCompletions.Training.Lora;
using SafeCompletions.Training.Modeling;
using static TorchSharp.torch;

namespace SafeCompletions.Training.Tests.Lora;

public sealed class LoraAdaptersTests : IDisposable
{
    private static readonly long[] Tokens = [3, 71, 104, 101, 108, 108, 111, 32, 119, 111, 114];

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Base(TinyShape shape) => TinyCausalLM.WriteHuggingFace(_dir.File("base"), shape);

    private static Tensor Logits(CausalLM model)
    {
        using var ids = tensor(Tokens, [1, Tokens.Length]);
        using (no_grad())
        {
            return model.Forward(ids);
        }
    }

    /// <summary>Gives every B random values, as training would, so the adapter changes the outputs.</summary>
    private static void Perturb(CausalLM model)
    {
        manual_seed(11);
        using (no_grad())
        {
            foreach (var p in model.Projections.Where(p => p.Lora is not null))
            {
                p.Lora!.B.normal_(0, 0.05);
            }
        }
    }

    [Fact]
    public void Attach_FreshAdapters_LeaveTheLogitsOfTheBase()
    {
        var directory = Base(TinyShape.Llama);
        using var plain = CausalLM.Load(directory);
        using var adapted = CausalLM.Load(directory);
        LoraAdapters.Attach(adapted, new LoraConfig(Rank: 4, Alpha: 8, Dropout: 0), seed: 1);

        using var expected = Logits(plain);
        using var actual = Logits(adapted);

        Assert.Equal(7 * TinyShape.Llama.Layers * 2, LoraAdapters.Parameters(adapted).Count);
        Assert.True(actual.equal(expected).all().item<bool>());
    }

    [Fact]
    public void Attach_FreezesTheBaseAndTrainsOnlyAAndB()
    {
        using var model = CausalLM.Load(Base(TinyShape.Llama));
        LoraAdapters.Attach(model, new LoraConfig(Rank: 4), seed: 1);

        Assert.All(model.NamedWeights(), w => Assert.False(w.Value.requires_grad, w.Key));
        Assert.All(LoraAdapters.Parameters(model), p => Assert.True(p.requires_grad));
        var a = model.Projections.First().Lora!.A;
        var bound = 1 / Math.Sqrt(TinyShape.Llama.Hidden);
        Assert.True(a.abs().max().item<float>() <= bound && a.std().item<float>() > bound / 4, "A is Kaiming-uniform like PEFT's");
    }

    [Fact]
    public void Save_ThenLoad_GivesTheSameLogits_InPeftLayout()
    {
        var directory = Base(TinyShape.Qwen2);
        using var trained = CausalLM.Load(directory);
        var config = new LoraConfig(Rank: 4, Alpha: 16, Dropout: 0.1, TargetModules: ["q_proj", "v_proj", "down_proj"]);
        LoraAdapters.Attach(trained, config, seed: 3);
        Perturb(trained);
        var adapter = _dir.File("adapter");
        PeftAdapter.Save(adapter, trained, config, "tiny-base");

        using var reloaded = CausalLM.Load(directory);
        var loaded = PeftAdapter.Load(adapter, reloaded);
        using var expected = Logits(trained);
        using var actual = Logits(reloaded);

        Assert.True(actual.equal(expected).all().item<bool>());
        Assert.Equal(config.Targets, loaded.Targets);
        Assert.Equal((4, 16.0, 0.1), (loaded.Rank, loaded.Alpha, loaded.Dropout));
        var keys = SafeCompletions.Training.Safetensors.SafetensorsFile.Load(Path.Combine(adapter, PeftAdapter.WeightsFile));
        Assert.Equal([4, TinyShape.Qwen2.Hidden], keys["base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight"].shape);
        Assert.Equal([TinyShape.Qwen2.Hidden, 4], keys["base_model.model.model.layers.0.mlp.down_proj.lora_B.weight"].shape);
        var json = File.ReadAllText(Path.Combine(adapter, PeftAdapter.ConfigFile));
        Assert.Contains("\"peft_type\": \"LORA\"", json);
        Assert.Contains("\"task_type\": \"CAUSAL_LM\"", json);
        Assert.Contains("\"base_model_name_or_path\": \"tiny-base\"", json);
    }

    [Theory]
    [InlineData("llama")]
    [InlineData("qwen2")]
    public void MergedModel_Save_GivesTheLogitsOfBasePlusAdapter(string name)
    {
        var directory = Base(name == "llama" ? TinyShape.Llama : TinyShape.Qwen2);
        using var adapted = CausalLM.Load(directory);
        LoraAdapters.Attach(adapted, new LoraConfig(Rank: 4, Alpha: 8, Dropout: 0), seed: 5);
        Perturb(adapted);
        using var expected = Logits(adapted);
        var merged = _dir.File("merged");
        MergedModel.Save(merged, adapted, directory);

        using var reloaded = CausalLM.Load(merged);
        using var actual = Logits(reloaded);

        Assert.True(actual.allclose(expected, rtol: 0, atol: 1e-5), $"largest difference {(actual - expected).abs().max().item<float>()}");
        using var plain = CausalLM.Load(directory);
        using var baseLogits = Logits(plain);
        Assert.True((actual - baseLogits).abs().max().item<float>() > 1e-3, "the adapter should change the logits");
        Assert.True(File.Exists(Path.Combine(merged, "tokenizer.json")));
    }
}
