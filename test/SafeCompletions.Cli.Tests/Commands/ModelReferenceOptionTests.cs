using SafeCompletions.Cli.Tests.TestDoubles;

namespace SafeCompletions.Cli.Tests.Commands;

/// <summary>Every option that names a model refuses a malformed reference with exit 2 naming the option: nothing falls back to a public endpoint.</summary>
public sealed class ModelReferenceOptionTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string> Malformed => ["gpt-4o-mini", "@localhost", "@", "openai:gpt-4o-mini", "openai:gpt-4o-mini@localhost",
        "openai:gpt-4o-mini@file:///etc/passwd", "openai:gpt-4o-mini@ftp://127.0.0.1/v1", "file://", "ftp://127.0.0.1/v1"];

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Grade_MalformedJudge_ExitsTwoNamingJudge(string reference)
    {
        var (exitCode, output) = await CliRun.RunAsync("grade", "--in", Responses(), "--out", _dir.File("g.jsonl"), "--judge", reference, "--no-cache");

        Assert.Equal(2, exitCode);
        Assert.Contains("--judge", output);
        Assert.False(File.Exists(_dir.File("g.jsonl")));
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Eval_MalformedModel_ExitsTwoNamingModel(string reference)
    {
        var (exitCode, output) = await CliRun.RunAsync("eval", "--prompts", Prompts(), "--model", $"m={reference}", "--out", _dir.File("run"), "--samples", "1");

        Assert.Equal(2, exitCode);
        Assert.Contains("--model", output);
        Assert.False(Directory.Exists(_dir.File("run")));
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Sft_MalformedGenerator_ExitsTwoNamingGenerator(string reference)
    {
        var (exitCode, output) = await CliRun.RunAsync("sft", "--prompts", Prompts(), "--generator", reference, "--out", _dir.File("run"));

        Assert.Equal(2, exitCode);
        Assert.Contains("--generator", output);
        Assert.False(Directory.Exists(_dir.File("run")));
    }

    [Fact]
    public async Task Eval_ModelWithoutName_ExitsTwoAskingForNameEqualsRef()
    {
        var (exitCode, output) = await CliRun.RunAsync("eval", "--prompts", Prompts(), "--model", "openai:m@http://127.0.0.1:9/v1", "--out", _dir.File("run"));

        Assert.Equal(2, exitCode);
        Assert.Contains("NAME=REF", output);
    }

    private string Responses() => _dir.Write("responses.jsonl", """{"id":"r1","prompt":"q","response":"a"}""" + "\n");

    private string Prompts() => _dir.Write("prompts.jsonl", """{"id":"p1","prompt":"q"}""" + "\n");
}
