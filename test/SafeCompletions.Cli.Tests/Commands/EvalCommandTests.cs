using System.Text.Json;
using SafeCompletions.Cli.Tests.TestDoubles;

namespace SafeCompletions.Cli.Tests.Commands;

/// <summary><c>safecomp eval</c> end to end: a live model and the judge both on a loopback OpenAI-compatible stub.</summary>
public sealed class EvalCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Answers generation requests with text after a delay, and judge requests with verdicts at once.</summary>
    private static Task<OpenAIStubServer> StartModelAndJudgeAsync(TimeSpan latency, Func<string, bool>? failsFor = null) =>
        OpenAIStubServer.StartAsync((body, call) => OpenAIStubServer.SchemaName(body) switch
        {
            "safety_verdict" => StubReply.Content(Verdicts.Safety()),
            "helpfulness_verdict" => StubReply.Content(Verdicts.Helpfulness()),
            _ when failsFor?.Invoke(OpenAIStubServer.AllText(body)) == true => StubReply.Failure(System.Net.HttpStatusCode.InternalServerError),
            _ => StubReply.Slow(latency, $"Here is a careful answer (call {call})."),
        });

    private string Prompts(int count) => _dir.Write("prompts.jsonl", string.Join("\n", Enumerable.Range(0, count).Select(i =>
        JsonSerializer.Serialize(new { id = $"p{i}", prompt = $"Question number {i} about network security", category = "cyber", intent = i % 2 == 0 ? "benign" : "dual_use" }))) + "\n");

    private string[] Arguments(OpenAIStubServer stub, string prompts, int samples) =>
    [
        "eval", "--prompts", prompts, "--model", $"m=openai:stub-model@{stub.BaseUrl}", "--samples", samples.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--grader", "llm", "--judge", $"openai:stub-judge@{stub.BaseUrl}", "--no-cache", "--concurrency", "2", "--retries", "0", "--out", _dir.File("run"),
    ];

    private List<string> Ids(string file) =>
        [.. File.ReadLines(_dir.File(Path.Combine("run", file))).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()!)];

    [Fact]
    public async Task Eval_LiveModel_WritesEveryResponseGradeAndMetrics()
    {
        await using var stub = await StartModelAndJudgeAsync(TimeSpan.Zero);

        var (exitCode, output) = await CliRun.RunAsync(Arguments(stub, Prompts(5), samples: 2));

        Assert.Equal(0, exitCode);
        Assert.Equal(10, Ids("responses.jsonl").Distinct().Count());
        Assert.Equal(10, Ids("grades.jsonl").Distinct().Count());
        Assert.True(File.Exists(_dir.File("run/metrics.json")));
        Assert.Contains("safety [95% CI]", output);
    }

    [Fact]
    public async Task Eval_ReportJson_NamesThePromptSetWithItsHash_TheSamples_AndTheJudgeAsNotMeasured()
    {
        await using var stub = await StartModelAndJudgeAsync(TimeSpan.Zero);
        var prompts = Prompts(3);

        var (exitCode, _) = await CliRun.RunAsync(Arguments(stub, prompts, samples: 2));

        Assert.Equal(0, exitCode);
        using var report = JsonDocument.Parse(File.ReadAllText(_dir.File("run/report.json")));
        var run = report.RootElement.GetProperty("run");
        Assert.Equal("eval", run.GetProperty("command").GetString());
        Assert.Equal(3, run.GetProperty("prompts").GetInt32());
        Assert.Equal(2, run.GetProperty("samples_per_prompt").GetInt32());
        Assert.Equal(2, run.GetProperty("samples_requested").GetInt32());
        var set = Assert.Single(run.GetProperty("prompt_sets").EnumerateArray());
        Assert.Equal(prompts, set.GetProperty("name").GetString());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(prompts))), set.GetProperty("sha256").GetString());
        var grader = Assert.Single(run.GetProperty("graders").EnumerateArray());
        Assert.Contains("stub-judge", grader.GetProperty("name").GetString());
        Assert.Equal(6, grader.GetProperty("rows").GetInt32());
        Assert.NotEmpty(run.GetProperty("specs").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, Assert.Single(report.RootElement.GetProperty("grader_accuracy").EnumerateArray()).GetProperty("card").ValueKind);
    }

    [Fact]
    public async Task Eval_GenerationKeepsFailing_IsAFailedRow_AndTheRunGoesOn()
    {
        await using var stub = await StartModelAndJudgeAsync(TimeSpan.Zero, text => text.Contains("Question number 2 "));

        var (exitCode, output) = await CliRun.RunAsync(Arguments(stub, Prompts(4), samples: 1));

        Assert.Equal(1, exitCode);
        var failed = File.ReadLines(_dir.File("run/responses.jsonl")).Single(l => l.Contains("\"status\":\"failed\""));
        Assert.Contains("p2#m#0", failed);
        Assert.Contains("HTTP 500", failed);
        Assert.Equal(4, Ids("grades.jsonl").Count);
        Assert.Contains("1 failed", output);
    }

    [Fact]
    public async Task Eval_ProgressGoesToStandardError_StandardOutputHoldsTheResults()
    {
        await using var stub = await StartModelAndJudgeAsync(TimeSpan.Zero);

        var (exitCode, stdout, stderr) = await CliRun.RunSplitAsync(Arguments(stub, Prompts(4), samples: 1));

        Assert.Equal(0, exitCode);
        Assert.Contains("generate m: 4/4", stderr);
        Assert.Contains("grade all models: 4/4", stderr);
        Assert.DoesNotContain("generate m:", stdout);
        Assert.DoesNotContain("grade all models:", stdout);
        Assert.Contains("safety [95% CI]", stdout);
    }

    [Fact]
    public async Task Eval_EndpointErrorBody_IsKeptInTheFailedRowsReason()
    {
        var body = "model worker crashed: CUDA out of memory on device 0 " + new string('x', 400);
        await using var stub = await OpenAIStubServer.StartAsync((request, _) => OpenAIStubServer.SchemaName(request) switch
        {
            "safety_verdict" => StubReply.Content(Verdicts.Safety()),
            "helpfulness_verdict" => StubReply.Content(Verdicts.Helpfulness()),
            _ => StubReply.FailureWithBody(System.Net.HttpStatusCode.InternalServerError, body),
        });

        var (exitCode, _) = await CliRun.RunAsync(Arguments(stub, Prompts(1), samples: 1));

        Assert.Equal(1, exitCode);
        var error = JsonDocument.Parse(File.ReadLines(_dir.File("run/responses.jsonl")).Single()).RootElement.GetProperty("error").GetString()!;
        Assert.Contains("HTTP 500: model worker crashed: CUDA out of memory on device 0", error);
        Assert.InRange(error.Length, 300, 400);
    }

    [Fact]
    public async Task Eval_KilledWithSigkill_ThenRunAgain_EndsWithEveryResponseAndGradeExactlyOnce()
    {
        await using var stub = await StartModelAndJudgeAsync(TimeSpan.FromMilliseconds(150));
        var arguments = Arguments(stub, Prompts(8), samples: 3);
        await BuiltCli.RunAndKillAsync(arguments, () => StoredResponses() >= 4);
        var storedAtKill = StoredResponses();
        Assert.InRange(storedAtKill, 4, 23);
        var generationCallsBefore = stub.Requests.Count(r => OpenAIStubServer.SchemaName(r) is null);

        var (exitCode, _) = await CliRun.RunAsync(arguments);

        Assert.Equal(0, exitCode);
        Assert.Equal(24, Ids("responses.jsonl").Distinct().Count());
        Assert.Equal(24, Ids("responses.jsonl").Count);
        Assert.Equal(24, Ids("grades.jsonl").Distinct().Count());
        Assert.Equal(24, Ids("grades.jsonl").Count);
        var generationCallsAfter = stub.Requests.Count(r => OpenAIStubServer.SchemaName(r) is null) - generationCallsBefore;
        Assert.Equal(24 - storedAtKill, generationCallsAfter);
    }

    [Theory]
    [InlineData("TERM", 143, "terminated")]
    [InlineData("INT", 130, "interrupted")]
    public async Task Eval_StoppedBySignal_ExitsWithItsCode_SaysWhatWasKept_AndRunAgainResumes(string signal, int code, string word)
    {
        await using var stub = await StartModelAndJudgeAsync(TimeSpan.FromMilliseconds(150));
        var arguments = Arguments(stub, Prompts(8), samples: 3);

        var (exitCode, stdout, stderr) = await BuiltCli.RunAndSignalAsync(arguments, () => StoredResponses() >= 4, signal);
        var (resumed, _) = await CliRun.RunAsync(arguments);

        Assert.Equal(code, exitCode);
        Assert.Contains($"{word}: {Path.Combine(_dir.File("run"), "state.db")} keeps every response and grade already finished", stderr);
        Assert.Contains("run the same command again to resume", stderr);
        Assert.DoesNotContain("nothing was written", stdout + stderr);
        Assert.Equal(0, resumed);
        Assert.Equal(24, Ids("grades.jsonl").Count);
    }

    private int StoredResponses() => BuiltCli.CountIn(_dir.File("run/state.db"), "SELECT COUNT(*) FROM responses");

    [Fact]
    public async Task Eval_SamePromptIdTwice_ExitsTwoNamingFileLineAndId_BeforeAnyCall()
    {
        await using var stub = await StartModelAndJudgeAsync(TimeSpan.Zero);
        var prompts = File.ReadAllLines(Prompts(3)).ToList();
        prompts.Insert(1, prompts[2]);
        var file = _dir.Write("twice.jsonl", string.Join("\n", prompts));

        var (exitCode, output) = await CliRun.RunAsync(Arguments(stub, file, samples: 1));

        Assert.Equal(2, exitCode);
        Assert.Contains($"{file}:4: field 'id': 'p2' is already the id of line 2", output);
        Assert.Equal(0, stub.Calls);
    }

    [Fact]
    public async Task Eval_NoPromptsButAModel_ExitsTwo()
    {
        var (exitCode, output) = await CliRun.RunAsync("eval", "--model", "m=responses:x.jsonl");

        Assert.Equal(2, exitCode);
        Assert.Contains("eval needs prompts", output);
    }

    [Fact]
    public async Task Eval_Quickstart_RunsOfflineOnTheBundledData()
    {
        var (exitCode, output) = await CliRun.RunAsync("eval", "--out", _dir.File("quickstart"));

        Assert.Equal(0, exitCode);
        foreach (var file in new[] { "responses.jsonl", "grades.jsonl", "metrics.json", "report.json", "report.html" })
        {
            Assert.True(File.Exists(_dir.File($"quickstart/{file}")), file);
        }
        using var metrics = JsonDocument.Parse(File.ReadAllText(_dir.File("quickstart/metrics.json")));
        var models = metrics.RootElement.GetProperty("models");
        double Helpfulness(string model) => models.GetProperty(model).GetProperty("malicious").GetProperty("helpfulness").GetDouble();
        Assert.True(Helpfulness("safe-completion") > Helpfulness("refusal-trained"), "the safe-completion policy helps more on malicious prompts");
        Assert.Contains("refusal-trained", output);
        // The quickstart grades with the embedded grader's committed weights: the report shows their measured accuracy.
        using var report = JsonDocument.Parse(File.ReadAllText(_dir.File("quickstart/report.json")));
        var card = Assert.Single(report.RootElement.GetProperty("grader_accuracy").EnumerateArray()).GetProperty("card");
        Assert.StartsWith("embedded/2+sha256:", card.GetProperty("grader").GetString());
        Assert.Contains("HarmBench dev", File.ReadAllText(_dir.File("quickstart/report.html")));
    }
}
