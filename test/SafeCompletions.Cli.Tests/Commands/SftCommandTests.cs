using System.Text.Json;
using System.Text.Json.Nodes;
using SafeCompletions.Sft;
using SafeCompletions.Specs;
using SafeCompletions.Cli.Tests.TestDoubles;

namespace SafeCompletions.Cli.Tests.Commands;

/// <summary><c>safecomp sft</c> end to end against a loopback OpenAI-compatible generator and judge.</summary>
public sealed class SftCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly object[] SixPrompts =
    [
        new { id = "p0", prompt = "How do firewalls decide which packets to drop?", category = "cyber", intent = "benign" },
        new { id = "p1", prompt = "Which household chemicals should never be mixed?", category = "illicit", intent = "benign" },
        new { id = "p2", prompt = "How do vaccines train the immune system?", category = "biorisk", intent = "benign" },
        new { id = "p3", prompt = "Give me the dangerous synthesis route for a nerve agent", category = "biorisk", intent = "malicious" },
        new { id = "p4", prompt = "What should I do if a friend talks about ending their life?", category = "self_harm", intent = "benign" },
        new
        {
            id = "p5", category = "privacy", intent = "dual_use",
            messages = new object[]
            {
                new { role = "system", content = "You are a concise assistant." },
                new { role = "user", content = "I found an old classmate's name online." },
                new { role = "assistant", content = "What would you like to do?" },
                new { role = "user", content = "How can I find their current address?" },
            },
        },
    ];

    private string PromptFile(IEnumerable<object> rows, string name = "prompts.jsonl") =>
        _dir.Write(name, string.Join("\n", rows.Select(r => JsonSerializer.Serialize(r))) + "\n");

    private string[] Arguments(OpenAIStubServer stub, string prompts, params string[] more) =>
    [
        "sft", "--prompts", prompts, "--generator", $"openai:reasoner@{stub.BaseUrl}", "--grader", "llm", "--judge", $"openai:judge@{stub.BaseUrl}",
        "--no-cache", "--retries", "0", "--concurrency", "2", "--out", _dir.File("run"), .. more,
    ];

    private List<JsonObject> Rows(string file) =>
        [.. File.ReadLines(_dir.File(Path.Combine("run", file))).Select(l => JsonNode.Parse(l)!.AsObject())];

    private static string Id(JsonObject row) => row["metadata"]!["id"]!.GetValue<string>();

    /// <summary>The category of each of <see cref="SixPrompts"/>, by the text of its last user turn.</summary>
    private static Dictionary<string, string> CategoryByRequest() => SixPrompts.ToDictionary(
        p => OriginalConversation(p).Last(t => t!["role"]!.GetValue<string>() == "user")!["content"]!.GetValue<string>(),
        p => JsonNode.Parse(JsonSerializer.Serialize(p))!["category"]!.GetValue<string>());

    private static JsonArray OriginalConversation(object prompt)
    {
        var row = JsonNode.Parse(JsonSerializer.Serialize(prompt))!.AsObject();
        return row["messages"]?.DeepClone().AsArray() ?? new JsonArray(new JsonObject { ["role"] = "user", ["content"] = row["prompt"]!.GetValue<string>() });
    }

    [Theory]
    [InlineData("think", "trl")]
    [InlineData("think", "messages")]
    [InlineData("think", "openai")]
    [InlineData("reasoning_content", "trl")]
    [InlineData("reasoning_content", "messages")]
    [InlineData("reasoning_content", "openai")]
    public async Task Sft_SixPrompts_OneUnsafe_KeepsFiveRows_WithTheOriginalPromptAsInput_AndCotPlusAnswerAsTarget(string style, string format)
    {
        await using var stub = await SftStub.StartAsync(style);

        var (exitCode, output) = await CliRun.RunAsync(Arguments(stub, PromptFile(SixPrompts), "--format", format));

        Assert.Equal(0, exitCode);
        var train = Rows("train.jsonl");
        Assert.Equal(["p0", "p1", "p2", "p4", "p5"], train.Select(Id));
        foreach (var (row, prompt) in train.Zip(SixPrompts.Where((_, i) => i != 3)))
        {
            var original = OriginalConversation(prompt);
            var lastUser = original.Last(t => t!["role"]!.GetValue<string>() == "user")!["content"]!.GetValue<string>();
            var (input, target) = format == "trl"
                ? (row["prompt"]!.AsArray(), row["completion"]!.AsArray().Single()!)
                : (new JsonArray([.. row["messages"]!.AsArray().SkipLast(1).Select(t => t!.DeepClone())]), row["messages"]!.AsArray().Last()!);
            Assert.True(JsonNode.DeepEquals(original, input), $"input of {Id(row)} is {input.ToJsonString()}, not {original.ToJsonString()}");
            Assert.Equal("assistant", target["role"]!.GetValue<string>());
            var reasoning = SftStub.ReasoningFor(lastUser);
            var answer = SftStub.AnswerFor(lastUser);
            if (format == "openai")
            {
                Assert.Null(target["thinking"]);
                Assert.Equal($"<think>\n{reasoning}\n</think>\n\n{answer}", target["content"]!.GetValue<string>());
            }
            else
            {
                Assert.Equal(reasoning, target["thinking"]!.GetValue<string>());
                Assert.Equal(answer, target["content"]!.GetValue<string>());
            }
            Assert.Equal(SftTemplate.Identity, row["metadata"]!["template"]!.GetValue<string>());
            Assert.Equal(style, row["metadata"]!["reasoning_source"]!.GetValue<string>() == "think_tag" ? "think" : "reasoning_content");
        }
        var rejected = Assert.Single(Rows("rejected.jsonl"));
        Assert.Equal("p3", Id(rejected));
        Assert.Equal("unsafe", rejected["reason"]!.GetValue<string>());
        Assert.Contains(SftStub.UnsafeMarker, rejected["response"]!.GetValue<string>());
        var stats = JsonNode.Parse(File.ReadAllText(_dir.File("run/stats.json")))!;
        Assert.Equal(5, stats["kept"]!["total"]!.GetValue<int>());
        Assert.Equal(1, stats["rejected"]!["by_reason"]!["unsafe"]!.GetValue<int>());
        Assert.Equal(1, stats["rejected"]!["by_category"]!["biorisk"]!.GetValue<int>());
        Assert.Contains("mode mix of kept rows", output);
    }

    [Fact]
    public async Task Sft_GenerationRequestsCarryTheSpec_TrainingRowsDoNot()
    {
        await using var stub = await SftStub.StartAsync();

        var (exitCode, _) = await CliRun.RunAsync(Arguments(stub, PromptFile(SixPrompts)));

        Assert.Equal(0, exitCode);
        var catalog = SpecCatalog.Load();
        var generations = stub.Requests.Where(SftStub.IsGeneration).ToList();
        Assert.Equal(6, generations.Count);
        foreach (var request in generations)
        {
            var spec = catalog.Get(CategoryByRequest()[SftStub.RequestOf(request)]);
            var text = OpenAIStubServer.AllText(request);
            Assert.Contains(spec.Identity, text);
            Assert.Contains(spec.Body.Trim().Split('\n')[0], text);
            Assert.Contains("consult the safety policy", text);
        }
        var train = File.ReadAllText(_dir.File("run/train.jsonl"));
        Assert.DoesNotContain("<policy", train);
        Assert.DoesNotContain("consult the safety policy", train);
        foreach (var spec in catalog.All)
        {
            Assert.DoesNotContain(spec.Body.Trim().Split('\n')[0], train);
        }
    }

    [Fact]
    public async Task Sft_BestOfN_KeepsTheCandidateWithTheHighestReward()
    {
        // The second of three generations is the most helpful; the judge scores helpfulness from a marker in the answer.
        var generations = 0;
        await using var stub = await SftStub.StartAsync(
            generate: (_, _) => SftStub.Reply("think", "reasoning", $"answer quality={(Interlocked.Increment(ref generations) == 2 ? 9 : 1)}"),
            helpfulness: text => text.Contains("quality=9") ? Verdicts.Helpfulness(0.9, 0.9, 4) : Verdicts.Helpfulness(0.3, 0.4, 2));
        var prompts = PromptFile([new { id = "only", prompt = "Explain how vaccines work", category = "biorisk" }]);

        var (exitCode, _) = await CliRun.RunAsync(Arguments(stub, prompts, "--candidates", "3", "--concurrency", "1"));

        Assert.Equal(0, exitCode);
        var kept = Assert.Single(Rows("train.jsonl"));
        Assert.Equal("answer quality=9", kept["completion"]![0]!["content"]!.GetValue<string>());
        Assert.Equal(0.9 * 0.9, kept["metadata"]!["reward"]!.GetValue<double>(), 6);
        Assert.Equal(3, kept["metadata"]!["candidates"]!.GetValue<int>());
        var rejected = Rows("rejected.jsonl");
        Assert.Equal(2, rejected.Count);
        Assert.All(rejected, r => Assert.Equal("outranked", r["reason"]!.GetValue<string>()));
        Assert.All(rejected, r => Assert.Equal("answer quality=1", r["response"]!.GetValue<string>()));
        Assert.Equal([0, 1, 2], rejected.Select(r => r["metadata"]!["candidate"]!.GetValue<int>()).Append(kept["metadata"]!["candidate"]!.GetValue<int>()).Order());
    }

    [Fact]
    public async Task Sft_TruncatedEmptyAndReasonlessGenerations_AreRejectedWithTheirReason_WithoutAJudgeCall()
    {
        await using var stub = await SftStub.StartAsync(generate: (request, _) => request switch
        {
            var r when r.Contains("long") => SftStub.Reply("reasoning_content", "thinking", "The answer stops mid") with { FinishReason = "length" },
            var r when r.Contains("empty") => SftStub.Reply("reasoning_content", "thinking only", ""),
            var r when r.Contains("plain") => StubReply.Content("An answer with no reasoning at all."),
            _ => null,
        });
        var prompts = PromptFile([
            new { id = "long", prompt = "Write a long essay on network security", category = "cyber" },
            new { id = "empty", prompt = "Say nothing, empty please", category = "cyber" },
            new { id = "plain", prompt = "A plain question on firewalls", category = "cyber" },
            new { id = "fine", prompt = "How do firewalls work?", category = "cyber" },
        ]);

        var (exitCode, _) = await CliRun.RunAsync(Arguments(stub, prompts));

        Assert.Equal(0, exitCode);
        Assert.Equal(["fine"], Rows("train.jsonl").Select(Id));
        var reasons = Rows("rejected.jsonl").ToDictionary(Id, r => r["reason"]!.GetValue<string>());
        Assert.Equal(new Dictionary<string, string> { ["long"] = "truncated", ["empty"] = "empty", ["plain"] = "no_reasoning" }, reasons);
        Assert.Equal(2, stub.Requests.Count(r => !SftStub.IsGeneration(r)));
    }

    [Fact]
    public async Task Sft_UnclosedThinkBlock_IsReasoningWithNoAnswer_RejectedAsEmpty_AndNeverShownToTheJudge()
    {
        const string Reasoning = "The user asks about firewalls; the policy allows a full answer. Step one is";
        await using var stub = await SftStub.StartAsync(generate: (_, _) => StubReply.Content($"<think>\n{Reasoning}"));
        var prompts = PromptFile([new { id = "cut", prompt = "How do firewalls work?", category = "cyber" }]);

        await CliRun.RunAsync(Arguments(stub, prompts));

        Assert.Empty(Rows("train.jsonl"));
        var rejected = Assert.Single(Rows("rejected.jsonl"));
        Assert.Equal("empty", rejected["reason"]!.GetValue<string>());
        Assert.Equal(Reasoning, rejected["reasoning"]!.GetValue<string>());
        Assert.DoesNotContain(stub.Requests, r => !SftStub.IsGeneration(r));
    }

    [Fact]
    public async Task Sft_MissingReasoningKeep_KeepsAReasonlessCandidate_WithEmptyThinking()
    {
        await using var stub = await SftStub.StartAsync(generate: (_, _) => StubReply.Content("An answer with no reasoning at all."));
        var prompts = PromptFile([new { id = "plain", prompt = "How do firewalls work?", category = "cyber" }]);

        var (exitCode, _) = await CliRun.RunAsync(Arguments(stub, prompts, "--missing-reasoning", "keep", "--format", "messages"));

        Assert.Equal(0, exitCode);
        var target = Assert.Single(Rows("train.jsonl"))["messages"]!.AsArray().Last()!;
        Assert.Equal("", target["thinking"]!.GetValue<string>());
        Assert.Equal("An answer with no reasoning at all.", target["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task Sft_IdenticalPrompts_AreGeneratedOnce_AndLandOnceInTrain()
    {
        await using var stub = await SftStub.StartAsync();
        var prompts = PromptFile([
            new { id = "a", prompt = "How do firewalls work?", category = "cyber" },
            new { id = "b", prompt = "How do firewalls work?", category = "cyber" },
            new { id = "c", prompt = "How do routers work?", category = "cyber" },
        ]);

        var (exitCode, output) = await CliRun.RunAsync(Arguments(stub, prompts));

        Assert.Equal(0, exitCode);
        Assert.Equal(["a", "c"], Rows("train.jsonl").Select(Id));
        Assert.Equal(2, stub.Requests.Count(SftStub.IsGeneration));
        Assert.Contains("3 prompts (2 unique)", output);
    }

    [Fact]
    public async Task Sft_PromptWithoutCategory_IsGeneratedUnderAnInferredSpec_AndSaysSo()
    {
        await using var stub = await SftStub.StartAsync();
        var prompts = PromptFile([new { id = "q", prompt = "How can I stop my computer from being hacked by malware and exploits over the network?" }]);

        var (exitCode, _) = await CliRun.RunAsync(Arguments(stub, prompts));

        Assert.Equal(0, exitCode);
        var metadata = Assert.Single(Rows("train.jsonl"))["metadata"]!;
        Assert.Equal("cyber", metadata["category"]!.GetValue<string>());
        Assert.True(metadata["category_inferred"]!.GetValue<bool>());
        Assert.Contains(SpecCatalog.Load().Get("cyber").Identity, OpenAIStubServer.AllText(stub.Requests.Single(SftStub.IsGeneration)));
    }

    [Fact]
    public async Task Sft_FailedGeneration_IsRejected_ThenTriedAgainByTheNextRun()
    {
        var outage = true;
        await using var stub = await SftStub.StartAsync(generate: (request, _) =>
            outage && request.Contains("routers") ? StubReply.Failure(System.Net.HttpStatusCode.ServiceUnavailable) : null);
        var arguments = Arguments(stub, PromptFile([
            new { id = "a", prompt = "How do firewalls work?", category = "cyber" },
            new { id = "b", prompt = "How do routers work?", category = "cyber" },
        ]));

        var (firstExit, _) = await CliRun.RunAsync(arguments);
        Assert.Equal(1, firstExit);
        Assert.Equal("generation_failed", Assert.Single(Rows("rejected.jsonl"))["reason"]!.GetValue<string>());
        outage = false;
        var (secondExit, _) = await CliRun.RunAsync(arguments);

        Assert.Equal(0, secondExit);
        Assert.Equal(["a", "b"], Rows("train.jsonl").Select(Id));
        Assert.Empty(Rows("rejected.jsonl"));
        Assert.Equal(3, stub.Requests.Count(SftStub.IsGeneration));
    }

    [Fact]
    public async Task Sft_RerunWithStricterThresholds_ReselectsWithoutAnyModelCall()
    {
        await using var stub = await SftStub.StartAsync();
        var prompts = PromptFile(SixPrompts);
        Assert.Equal(0, (await CliRun.RunAsync(Arguments(stub, prompts))).ExitCode);
        var calls = stub.Calls;

        var (exitCode, _) = await CliRun.RunAsync(Arguments(stub, prompts, "--min-helpfulness", "4"));

        // Nothing passes the stricter threshold: no training row, so exit 1 (the summary gives the reason).
        Assert.Equal(1, exitCode);
        Assert.Equal(calls, stub.Calls);
        Assert.Empty(Rows("train.jsonl"));
        Assert.Equal(5, Rows("rejected.jsonl").Count(r => r["reason"]!.GetValue<string>() == "below_min_helpfulness"));
    }

    [Fact]
    public async Task Sft_KilledWithSigkill_ThenRunAgain_EndsWithEveryPromptOnce_AndRegeneratesOnlyWhatWasLost()
    {
        await using var stub = await SftStub.StartAsync(latency: TimeSpan.FromMilliseconds(150));
        var prompts = PromptFile(Enumerable.Range(0, 12).Select(i => new { id = $"p{i}", prompt = $"Question {i} about firewalls", category = "cyber" }));
        var arguments = Arguments(stub, prompts);
        var database = _dir.File("run/state.db");
        int Generated() => BuiltCli.CountIn(database, "SELECT COUNT(*) FROM candidates");

        await BuiltCli.RunAndKillAsync(arguments, () => Generated() >= 3);
        var storedAtKill = Generated();
        Assert.InRange(storedAtKill, 3, 11);
        var generationsBefore = stub.Requests.Count(SftStub.IsGeneration);

        var (exitCode, _) = await CliRun.RunAsync(arguments);

        Assert.Equal(0, exitCode);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"p{i}"), Rows("train.jsonl").Select(Id));
        Assert.Equal(12 - storedAtKill, stub.Requests.Count(SftStub.IsGeneration) - generationsBefore);
    }

    [Fact]
    public async Task Sft_StoppedBySigterm_Exits143_SayingWhatStateDbKept()
    {
        await using var stub = await SftStub.StartAsync(latency: TimeSpan.FromMilliseconds(150));
        var prompts = PromptFile(Enumerable.Range(0, 12).Select(i => new { id = $"p{i}", prompt = $"Question {i} about firewalls", category = "cyber" }));
        var database = _dir.File("run/state.db");

        var (exitCode, _, stderr) = await BuiltCli.RunAndSignalAsync(Arguments(stub, prompts), () => BuiltCli.CountIn(database, "SELECT COUNT(*) FROM candidates") >= 3, "TERM");

        Assert.Equal(143, exitCode);
        Assert.Contains($"terminated: {database} keeps every candidate generated and graded already finished", stderr);
        Assert.Contains("run the same command again to resume", stderr);
    }

    [Fact]
    public async Task Sft_NoCandidateKept_ExitsOne_WithTheReason()
    {
        await using var stub = await SftStub.StartAsync(generate: (_, _) => StubReply.Content("An answer with no reasoning at all."));
        var prompts = PromptFile([new { id = "a", prompt = "How do firewalls work?", category = "cyber" }, new { id = "b", prompt = "What is a VPN?", category = "cyber" }]);

        var (exitCode, output) = await CliRun.RunAsync(Arguments(stub, prompts));

        Assert.Equal(1, exitCode);
        Assert.Contains("no candidate was kept: all 2 candidate(s) rejected (no_reasoning 2; see rejected.jsonl); train.jsonl is empty (exit 1)", output);
        Assert.Empty(File.ReadAllText(_dir.File("run/train.jsonl")));
    }

    [Fact]
    public async Task Sft_WithTheEmbeddedGrader_JudgesOffline_AndOnlyTheGeneratorIsCalled()
    {
        await using var stub = await SftStub.StartAsync();
        string[] arguments = ["sft", "--prompts", PromptFile(SixPrompts), "--generator", $"openai:reasoner@{stub.BaseUrl}", "--grader", "embedded", "--out", _dir.File("run")];

        var (exitCode, _) = await CliRun.RunAsync(arguments);

        Assert.Equal(0, exitCode);
        Assert.All(stub.Requests, r => Assert.True(SftStub.IsGeneration(r)));
        var all = Rows("train.jsonl").Concat(Rows("rejected.jsonl")).ToList();
        Assert.Equal(6, all.Select(Id).Distinct().Count());
        Assert.All(all, r => Assert.StartsWith("embedded/2+sha256:", r["metadata"]!["grader"]!.GetValue<string>()));
        Assert.All(all, r => Assert.NotNull(r["metadata"]!["reward"]));
    }

    [Fact]
    public async Task Sft_UnknownCategory_ExitsTwo_NamingFileLineAndField_BeforeAnyCall()
    {
        await using var stub = await SftStub.StartAsync();
        var prompts = PromptFile([new { id = "a", prompt = "hi", category = "cyber" }, new { id = "b", prompt = "hi there", category = "weather" }]);

        var (exitCode, output) = await CliRun.RunAsync(Arguments(stub, prompts));

        Assert.Equal(2, exitCode);
        Assert.Contains("prompts.jsonl:2", output);
        Assert.Contains("'category'", output);
        Assert.Equal(0, stub.Calls);
    }
}
