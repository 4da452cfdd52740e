using System.Text.Json;
using SafeCompletions.Cli.Tests.TestDoubles;
using SafeCompletions.Testing.TinyModels;

namespace SafeCompletions.Cli.Tests.Commands;

/// <summary><c>safecomp train sft</c> run as a user runs it: a tiny model written by the test, LoRA, the real process.</summary>
[Collection(TorchInProcess.Name)]
public sealed class TrainSftCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Data() => _dir.Write("train.jsonl", string.Join("\n",
        new[] { ("hello", "hi there"), ("how are you", "fine"), ("name a color", "blue") }.Select(p =>
            $$$"""{"prompt":[{"role":"user","content":"{{{p.Item1}}}"}],"completion":[{"role":"assistant","content":"{{{p.Item2}}}"}]}""")) + "\n");

    private string[] Arguments(string model, string data, string @out, int steps) =>
    [
        "train", "sft", "--model", model, "--data", data, "--out", _dir.File(@out), "--steps", steps.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--lr", "0.02", "--lora-rank", "4", "--lora-alpha", "8", "--lora-dropout", "0.1", "--batch-size", "3", "--seed", "3", "--checkpoint-every", "5",
    ];

    private List<(int Step, double Loss)> Curve(string @out) =>
        [.. File.ReadLines(_dir.File(Path.Combine(@out, "metrics.jsonl"))).Select(l => JsonDocument.Parse(l).RootElement)
            .Select(r => (r.GetProperty("step").GetInt32(), r.GetProperty("loss").GetDouble()))];

    [Fact]
    public async Task TrainSft_WritesAPeftAdapterAndAMetricsRowPerStep()
    {
        var model = TinyCausalLM.WriteHuggingFace(_dir.File("base"), TinyShape.Qwen2);

        var (exitCode, stdout, stderr) = await CliRun.RunSplitAsync(Arguments(model, Data(), "run", steps: 30));

        Assert.True(exitCode == 0, stdout + stderr);
        var curve = Curve("run");
        Assert.Equal(Enumerable.Range(1, 30), curve.Select(c => c.Step));
        Assert.True(curve[^1].Loss < curve[0].Loss / 2, $"loss {curve[0].Loss} -> {curve[^1].Loss}");
        var config = JsonDocument.Parse(File.ReadAllText(_dir.File("run/adapter/adapter_config.json"))).RootElement;
        Assert.Equal("LORA", config.GetProperty("peft_type").GetString());
        Assert.Equal(4, config.GetProperty("r").GetInt32());
        Assert.True(File.Exists(_dir.File("run/adapter/adapter_model.safetensors")));
    }

    [Fact]
    public async Task TrainSft_KilledAndRunAgain_ContinuesTheSameLossCurve()
    {
        var model = TinyCausalLM.WriteHuggingFace(_dir.File("base"), TinyShape.Qwen2);
        var data = Data();
        const int steps = 300;
        var (straight, straightOutput) = await CliRun.RunAsync(Arguments(model, data, "straight", steps));
        Assert.True(straight == 0, straightOutput);
        var metrics = _dir.File("killed/metrics.jsonl");

        await BuiltCli.RunAndKillAsync(Arguments(model, data, "killed", steps), () => File.Exists(metrics) && File.ReadLines(metrics).Count() >= 12);
        var killedAt = Curve("killed").Count;
        var (resumed, output) = await CliRun.RunAsync(Arguments(model, data, "killed", steps));

        Assert.True(resumed == 0, output);
        Assert.True(killedAt < steps, "the run was killed before it finished");
        var (expected, actual) = (Curve("straight"), Curve("killed"));
        Assert.Equal(expected.Select(c => c.Step), actual.Select(c => c.Step));
        Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First.Loss, pair.Second.Loss, 1e-5));
    }

    [Fact]
    public async Task TrainSft_RowWithoutCompletion_ExitsTwoNamingFileAndLine()
    {
        var model = TinyCausalLM.WriteHuggingFace(_dir.File("base"), TinyShape.Qwen2);
        var data = _dir.Write("bad.jsonl", """{"prompt":[{"role":"user","content":"hello"}],"completion":[{"role":"assistant","content":"hi"}]}""" + "\n"
            + """{"prompt":[{"role":"user","content":"hello"}]}""" + "\n");

        var (exitCode, output) = await CliRun.RunAsync(Arguments(model, data, "run", steps: 2));

        Assert.Equal(2, exitCode);
        Assert.Contains("bad.jsonl:2", output);
        Assert.Contains("completion", output);
    }
}
