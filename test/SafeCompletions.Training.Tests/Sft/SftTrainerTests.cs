using Microsoft.Extensions.AI;
using SafeCompletions.Testing.TinyModels;
using SafeCompletions.Training.Generation;
using SafeCompletions.Training.Lora;
using SafeCompletions.Training.Sft;

namespace SafeCompletions.Training.Tests.Sft;

public sealed class SftTrainerTests : IDisposable
{
    private static readonly (string Prompt, string Answer)[] Pairs = [("hello", "hi there"), ("how are you", "fine"), ("name a color", "blue")];

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Data(bool messagesFormat = false)
    {
        var path = _dir.File("train.jsonl");
        File.WriteAllLines(path, Pairs.Select(p => messagesFormat
            ? $$$"""{"messages":[{"role":"user","content":"{{{p.Prompt}}}"},{"role":"assistant","content":"{{{p.Answer}}}"}],"metadata":{"id":"x"}}"""
            : $$$"""{"prompt":[{"role":"user","content":"{{{p.Prompt}}}"}],"completion":[{"role":"assistant","content":"{{{p.Answer}}}"}]}"""));
        return path;
    }

    private SftOptions Options(string data, string @out, int steps = 60) =>
        new(TinyCausalLM.WriteHuggingFace(_dir.File("base"), TinyShape.Qwen2), data, _dir.File(@out))
        {
            Steps = steps,
            LearningRate = 2e-2,
            Lora = new LoraConfig(Rank: 8, Alpha: 16, Dropout: 0),
            BatchSize = 3,
            Seed = 4,
        };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Run_SmallSet_LossFalls_AndTheAdaptedModelAnswersItGreedily(bool messagesFormat)
    {
        var options = Options(Data(messagesFormat), "run");

        var result = SftTrainer.Run(options);

        var curve = MetricsLog.Read(Path.Combine(options.OutDirectory, "metrics.jsonl"));
        Assert.Equal(60, curve.Count);
        Assert.True(curve[^1].Loss < curve[0].Loss / 10, $"loss {curve[0].Loss} -> {curve[^1].Loss}");
        using var model = TorchModel.Load(options.ModelDirectory, result.AdapterDirectory);
        using var client = new TorchChatClient(model, "tiny");
        foreach (var (prompt, answer) in Pairs)
        {
            var response = await client.GetResponseAsync([new(ChatRole.User, prompt)], new ChatOptions { Temperature = 0, MaxOutputTokens = 16 });
            Assert.Equal(answer, response.Text);
        }
    }

    [Fact]
    public void Run_SameSeed_SameCurve()
    {
        var data = Data();
        var first = SftTrainer.Run(Options(data, "a", steps: 5) with { Lora = new LoraConfig(Rank: 4, Dropout: 0.1) });
        var second = SftTrainer.Run(Options(data, "b", steps: 5) with { Lora = new LoraConfig(Rank: 4, Dropout: 0.1) });

        Assert.Equal(
            MetricsLog.Read(Path.Combine(_dir.File("a"), "metrics.jsonl")).Select(s => s.Loss),
            MetricsLog.Read(Path.Combine(_dir.File("b"), "metrics.jsonl")).Select(s => s.Loss));
        Assert.Equal(first.FinalLoss, second.FinalLoss);
    }

    [Fact]
    public void Run_RowWithoutCompletion_NamesFileLineAndField()
    {
        var path = _dir.File("bad.jsonl");
        File.WriteAllLines(path, ["""{"prompt":[{"role":"user","content":"a"}],"completion":[{"role":"assistant","content":"b"}]}""", """{"prompt":[{"role":"user","content":"a"}]}"""]);

        var error = Assert.Throws<SafeCompletions.Jsonl.InvalidInputException>(() => SftTrainer.Run(Options(path, "bad")));

        Assert.Equal($"{path}:2: field 'completion': missing", error.Message);
    }

    [Fact]
    public void Run_RowOverMaxLength_NamesFileAndLine()
    {
        var error = Assert.Throws<SafeCompletions.Jsonl.InvalidInputException>(() => SftTrainer.Run(Options(Data(), "long") with { MaxLength = 8 }));

        Assert.StartsWith($"{_dir.File("train.jsonl")}:1: field 'row': ", error.Message);
        Assert.Contains("over --max-length 8", error.Message);
    }
}
