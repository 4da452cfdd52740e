using System.Text.Json;
using SafeCompletions.Cli.Tests.TestDoubles;
using SafeCompletions.Runs;

namespace SafeCompletions.Cli.Tests.Commands;

/// <summary>
/// A run directory is one run: a resumed <c>eval</c> or <c>sft</c> that would change the results (other prompt
/// content, other settings) exits 2 naming what differs; a second process is refused while the first holds the
/// directory; and the default directory is named after the run's identity, so different evals never share one.
/// </summary>
public sealed class RunDirectoryTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static Task<OpenAIStubServer> StartModelAndJudgeAsync() =>
        OpenAIStubServer.StartAsync((body, call) => OpenAIStubServer.SchemaName(body) switch
        {
            "safety_verdict" => StubReply.Content(Verdicts.Safety()),
            "helpfulness_verdict" => StubReply.Content(Verdicts.Helpfulness()),
            _ => StubReply.Content($"Here is a careful answer (call {call})."),
        });

    private string Prompts(int count, string name = "prompts.jsonl") => _dir.Write(name, string.Join("\n", Enumerable.Range(0, count).Select(i =>
        JsonSerializer.Serialize(new { id = $"p{i}", prompt = $"Question number {i} about network security", category = "cyber", intent = "benign" }))) + "\n");

    private string[] Eval(OpenAIStubServer stub, string prompts, string? output, params string[] more) =>
    [
        "eval", "--prompts", prompts, "--model", $"m=openai:stub-model@{stub.BaseUrl}", "--samples", "1",
        "--grader", "llm", "--judge", $"openai:stub-judge@{stub.BaseUrl}", "--no-cache", "--concurrency", "2", "--retries", "0",
        .. output is null ? Array.Empty<string>() : ["--out", output], .. more,
    ];

    private string[] Sft(OpenAIStubServer stub, string prompts, params string[] more) =>
    [
        "sft", "--prompts", prompts, "--generator", $"openai:reasoner@{stub.BaseUrl}", "--grader", "llm", "--judge", $"openai:judge@{stub.BaseUrl}",
        "--no-cache", "--retries", "0", "--concurrency", "2", "--out", _dir.File("sft"), .. more,
    ];

    private int StoredPrompts(string run) => BuiltCli.CountIn(Path.Combine(run, "state.db"), "SELECT COUNT(*) FROM prompts");

    [Fact]
    public async Task Eval_ResumedWithOtherPromptsUnderTheSamePath_Exits2NamingThePrompts_AndKeepsTheFirstRun()
    {
        await using var stub = await StartModelAndJudgeAsync();
        var run = _dir.File("run");
        var prompts = Prompts(3);
        Assert.Equal(0, (await CliRun.RunAsync(Eval(stub, prompts, run))).ExitCode);
        var metrics = File.ReadAllText(Path.Combine(run, "metrics.json"));
        Prompts(4);

        var (exitCode, output) = await CliRun.RunAsync(Eval(stub, prompts, run));

        Assert.Equal(2, exitCode);
        Assert.Contains("started with prompts = sha256:", output);
        Assert.Equal(3, StoredPrompts(run));
        Assert.Equal(metrics, File.ReadAllText(Path.Combine(run, "metrics.json")));
    }

    [Fact]
    public async Task Eval_ResumedWithOtherMaxTokens_Exits2NamingIt()
    {
        await using var stub = await StartModelAndJudgeAsync();
        var run = _dir.File("run");
        var prompts = Prompts(2);
        Assert.Equal(0, (await CliRun.RunAsync(Eval(stub, prompts, run))).ExitCode);

        var (exitCode, output) = await CliRun.RunAsync(Eval(stub, prompts, run, "--max-tokens", "64"));

        Assert.Equal(2, exitCode);
        Assert.Contains("started with max_tokens = 2048; now 64", output);
    }

    [Fact]
    public async Task Sft_ResumedWithOtherCandidatesOrEditedPrompts_Exits2NamingWhatDiffers()
    {
        await using var stub = await SftStub.StartAsync();
        var prompts = _dir.Write("sft-prompts.jsonl", """{"id":"p0","prompt":"How do firewalls decide which packets to drop?","category":"cyber","intent":"benign"}""" + "\n");
        Assert.Equal(0, (await CliRun.RunAsync(Sft(stub, prompts))).ExitCode);

        var (candidatesExit, candidatesOutput) = await CliRun.RunAsync(Sft(stub, prompts, "--candidates", "3"));
        File.AppendAllText(prompts, """{"id":"p1","prompt":"How do vaccines train the immune system?","category":"biorisk","intent":"benign"}""" + "\n");
        var (promptsExit, promptsOutput) = await CliRun.RunAsync(Sft(stub, prompts));

        Assert.Equal(2, candidatesExit);
        Assert.Contains("started with candidates = 1; now 3", candidatesOutput);
        Assert.Equal(2, promptsExit);
        Assert.Contains("started with prompts = sha256:", promptsOutput);
    }

    [Fact]
    public async Task Eval_RunDirectoryHeldByAnotherRun_IsRefusedNamingTheDirectoryAndTheHolder_AndFreeOnceReleased()
    {
        await using var stub = await StartModelAndJudgeAsync();
        var run = Directory.CreateDirectory(_dir.File("run")).FullName;
        var arguments = Eval(stub, Prompts(2), run);

        int refused;
        string output;
        // Held as a running eval holds it (a flock on DIR/run.lock, which the system drops when its process ends,
        // however it ends: the SIGKILL-then-rerun tests of eval and sft run again in a directory a killed run held).
        using (RunDirectoryLock.Acquire(run))
        {
            (refused, output) = await CliRun.RunAsync(arguments);
        }
        var callsWhileHeld = stub.Calls;
        var (afterRelease, _) = await CliRun.RunAsync(arguments);

        Assert.Equal(2, refused);
        Assert.Contains($"the run directory {run} is in use", output);
        Assert.Contains($"pid {Environment.ProcessId}", output);
        Assert.Equal(0, callsWhileHeld);
        Assert.Equal(0, afterRelease);
    }

    [Fact]
    public async Task Eval_WithoutOut_WritesToADirectoryNamedAfterTheRunIdentity_ThatTheSameCommandResumes()
    {
        await using var stub = await StartModelAndJudgeAsync();
        var first = Eval(stub, Prompts(2, "a.jsonl"), output: null);
        var second = Eval(stub, Prompts(3, "b.jsonl"), output: null);

        var (firstExit, _, firstErrors) = await BuiltCli.RunInAsync(_dir.Path, first);
        var (secondExit, _, secondErrors) = await BuiltCli.RunInAsync(_dir.Path, second);
        var (againExit, _, againErrors) = await BuiltCli.RunInAsync(_dir.Path, first);

        Assert.Equal(new[] { 0, 0, 0 }, new[] { firstExit, secondExit, againExit });
        var runs = Directory.GetDirectories(_dir.File("safecomp-out")).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(2, runs.Count);
        Assert.All(runs, r => Assert.Matches("^eval-[0-9a-f]{12}$", r));
        string Named(string stderr) => runs.Single(r => stderr.Contains($"run directory: {Path.Combine("safecomp-out", r!)}", StringComparison.Ordinal))!;
        Assert.NotEqual(Named(firstErrors), Named(secondErrors));
        Assert.Equal(Named(firstErrors), Named(againErrors));
        Assert.Equal(2, StoredPrompts(_dir.File(Path.Combine("safecomp-out", Named(firstErrors)))));
    }
}
