using System.Text.Json;
using SafeCompletions.Cli.Tests.TestDoubles;
using SafeCompletions.Testing.TinyModels;

namespace SafeCompletions.Cli.Tests.Commands;

/// <summary><c>--model NAME=torch:DIR</c> and <c>--temperature</c>: a Hugging Face-layout model run in-process on TorchSharp, tiny and written by the test.</summary>
[Collection(TorchInProcess.Name)]
public sealed class EvalTorchTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Eval_TorchModelAtTemperatureZero_SamplesAreGreedyAndTheTemperatureIsRecorded()
    {
        var model = TinyCausalLM.WriteHuggingFace(_dir.File("tiny"), TinyShape.Qwen2);
        var prompts = _dir.Write("prompts.jsonl", """{"id":"p1","prompt":"hello","category":"cyber","intent":"benign"}""");
        await using var judge = await OpenAIStubServer.StartJudgeAsync();
        string[] Args(string temperature) => ["eval", "--prompts", prompts, "--model", $"tiny=torch:{model}", "--samples", "2", "--max-tokens", "16",
            "--temperature", temperature, "--grader", "llm", "--judge", $"openai:j@{judge.BaseUrl}", "--no-cache", "--out", _dir.File("run")];

        var (exitCode, output) = await CliRun.RunAsync(Args("0"));

        Assert.True(exitCode == 0, output);
        var responses = File.ReadLines(_dir.File("run/responses.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("response").GetString()).ToList();
        Assert.Equal(2, responses.Count);
        Assert.Equal(responses[0], responses[1]);
        var (again, message) = await CliRun.RunAsync(Args("1"));
        Assert.Equal(2, again);
        Assert.Contains("temperature = 0", message);
    }

    [Theory]
    [InlineData("2.5")]
    [InlineData("-0.1")]
    public async Task Eval_TemperatureOutOfRange_ExitsTwoNamingTheOption(string temperature)
    {
        var prompts = _dir.Write("prompts.jsonl", """{"id":"p1","prompt":"hello"}""");

        var (exitCode, output) = await CliRun.RunAsync("eval", "--prompts", prompts, "--model", "m=responses:x.jsonl", "--temperature", temperature);

        Assert.Equal(2, exitCode);
        Assert.Contains("--temperature", output);
    }

    [Fact]
    public async Task Eval_MissingTorchDirectory_ExitsTwoNamingIt()
    {
        var prompts = _dir.Write("prompts.jsonl", """{"id":"p1","prompt":"hello"}""");

        var (exitCode, output) = await CliRun.RunAsync("eval", "--prompts", prompts, "--model", "m=torch:/nonexistent/model", "--out", _dir.File("run"));

        Assert.Equal(2, exitCode);
        Assert.Contains("/nonexistent/model", output);
    }
}
