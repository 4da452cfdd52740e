using System.Text.Json;
using SafeCompletions.Cli.Tests.TestDoubles;

namespace SafeCompletions.Cli.Tests.Commands;

/// <summary><c>--model NAME=gguf:PATH</c>: a local GGUF model run in-process through LLamaSharp, on a tiny random-weight model the test writes.</summary>
public sealed class EvalGgufTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Eval_GgufModel_GeneratesEverySampleInProcess()
    {
        var model = _dir.File("tiny.gguf");
        TinyGguf.Write(model);
        var prompts = _dir.Write("prompts.jsonl", """
            {"id":"p1","prompt":"hello","category":"cyber","intent":"benign"}
            {"id":"p2","prompt":"how do firewalls work?","category":"cyber","intent":"benign"}
            """);
        await using var judge = await OpenAIStubServer.StartJudgeAsync();

        var (exitCode, output) = await CliRun.RunAsync("eval", "--prompts", prompts, "--model", $"tiny=gguf:{model}", "--samples", "2", "--max-tokens", "16",
            "--grader", "llm", "--judge", $"openai:j@{judge.BaseUrl}", "--no-cache", "--out", _dir.File("run"));

        Assert.True(exitCode == 0, output);
        var responses = File.ReadLines(_dir.File("run/responses.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        Assert.Equal(["p1#tiny#0", "p1#tiny#1", "p2#tiny#0", "p2#tiny#1"], responses.Select(r => r.GetProperty("id").GetString()));
        Assert.All(responses, r => Assert.Equal(JsonValueKind.String, r.GetProperty("response").ValueKind));
        Assert.Equal(4, File.ReadLines(_dir.File("run/grades.jsonl")).Count());
    }

    [Fact]
    public async Task Eval_MissingGgufFile_ExitsTwo()
    {
        var prompts = _dir.Write("prompts.jsonl", """{"id":"p1","prompt":"hello"}""");

        var (exitCode, output) = await CliRun.RunAsync("eval", "--prompts", prompts, "--model", "tiny=gguf:/nonexistent/model.gguf", "--out", _dir.File("run"));

        Assert.Equal(2, exitCode);
        Assert.Contains("no GGUF model at /nonexistent/model.gguf", output);
    }
}
