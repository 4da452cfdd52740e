using System.Text.Json.Nodes;
using SafeCompletions.Cli.Tests.TestDoubles;

namespace SafeCompletions.Cli.Tests.Commands;

/// <summary><c>--generator gguf:PATH</c>: candidates from a local model run in-process, on a tiny random-weight GGUF the test writes.</summary>
public sealed class SftGgufTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Sft_GgufGenerator_RunsInProcess_AndAPromptOutgrowingItsContext_IsAFailedCandidateThatSaysSo()
    {
        // The tiny model's tokenizer is about a token a character, so a prompt with its spec (several thousand
        // characters) cannot fit the 2,048-token context: the reason must say so, not llama.cpp's "NoKvSlot" alone.
        var model = _dir.File("tiny.gguf");
        TinyGguf.Write(model);
        var prompts = _dir.Write("prompts.jsonl", """
            {"id":"p1","prompt":"hello","category":"cyber"}
            {"id":"p2","prompt":"how do firewalls work?","category":"cyber"}
            """);
        await using var judge = await SftStub.StartAsync();

        var (exitCode, output) = await CliRun.RunAsync("sft", "--prompts", prompts, "--generator", $"gguf:{model}", "--max-tokens", "16",
            "--grader", "llm", "--judge", $"openai:j@{judge.BaseUrl}", "--no-cache", "--out", _dir.File("run"));

        Assert.Equal(1, exitCode);
        Assert.Empty(judge.Requests);
        var rejected = File.ReadLines(_dir.File("run/rejected.jsonl")).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(["p1", "p2"], rejected.Select(r => r["metadata"]!["id"]!.GetValue<string>()));
        Assert.All(rejected, r => Assert.Equal("generation_failed", r["reason"]!.GetValue<string>()));
        Assert.All(rejected, r => Assert.Contains("do not fit the model's context of 2048 tokens", r["detail"]!.GetValue<string>()));
        Assert.All(rejected, r => Assert.Equal("gguf:tiny.gguf", r["metadata"]!["generator"]!.GetValue<string>()));
        Assert.Contains("generation_failed 2", output);
    }
}
