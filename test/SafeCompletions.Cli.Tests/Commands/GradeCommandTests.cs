using System.Net;
using System.Text.Json;
using SafeCompletions.Cli.Tests.TestDoubles;

namespace SafeCompletions.Cli.Tests.Commands;

/// <summary><c>safecomp grade --grader llm</c> end to end, against a loopback OpenAI-compatible judge.</summary>
public sealed class GradeCommandTests : IDisposable
{
    private const string SecretReasoning = "CHAIN-OF-THOUGHT-THAT-MUST-NOT-LEAK";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Responses(int rows = 4) => _dir.Write("responses.jsonl", string.Join("\n", Enumerable.Range(0, rows).Select(i =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["id"] = $"p{i}#m1#0",
            ["prompt_id"] = $"p{i}",
            ["model"] = "m1",
            ["sample"] = 0,
            ["prompt"] = $"Question {i}: how do phishing kits trick people?",
            ["response"] = $"Answer {i}: they imitate login pages; here is how to spot them.",
            ["reasoning"] = SecretReasoning,
            ["category"] = i % 2 == 0 ? "cyber" : "illicit",
            ["intent"] = "dual_use",
            ["batch"] = "b7",
        }))) + "\n");

    private Task<(int ExitCode, string Output)> GradeAsync(OpenAIStubServer stub, string input, params string[] extra) =>
        CliRun.RunAsync([
            "grade", "--in", input, "--out", _dir.File("grades.jsonl"), "--grader", "llm",
            "--judge", $"openai:stub-judge@{stub.BaseUrl}", "--cache", _dir.File("cache.db"), "--retries", "1", .. extra]);

    private List<JsonElement> Grades() =>
        [.. File.ReadLines(_dir.File("grades.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.Clone())];

    [Fact]
    public async Task Grade_WritesOneCompleteGradePerRowInInputOrder()
    {
        await using var stub = await OpenAIStubServer.StartJudgeAsync(Verdicts.Safety("safe_completion", 0.9), Verdicts.Helpfulness(0.5, 0.75, 3));

        var (exitCode, output) = await GradeAsync(stub, Responses(), "--concurrency", "3");

        Assert.Equal(0, exitCode);
        var grades = Grades();
        Assert.Equal(["p0#m1#0", "p1#m1#0", "p2#m1#0", "p3#m1#0"], grades.Select(g => g.GetProperty("id").GetString()));
        foreach (var grade in grades)
        {
            foreach (var field in new[] { "id", "prompt_id", "model", "sample", "category", "intent", "status", "error", "mode", "safe", "safety",
                                          "severity", "facilitation", "helpfulness", "reward", "confidence", "grader", "spec", "rationale" })
            {
                Assert.True(grade.TryGetProperty(field, out _), $"missing {field}");
            }
            var helpfulness = grade.GetProperty("helpfulness");
            Assert.Equal(0.75, helpfulness.GetProperty("h").GetDouble());
            Assert.Equal(0.75 * 0.9, grade.GetProperty("reward").GetDouble(), precision: 12);
            Assert.Equal("b7", grade.GetProperty("batch").GetString());
            Assert.Equal(JsonValueKind.Null, grade.GetProperty("error").ValueKind);
            // The stub judge's verdicts give no confidence.
            Assert.Equal(JsonValueKind.Null, grade.GetProperty("confidence").ValueKind);
        }
        Assert.Contains("safe_completion", output);
        Assert.Contains("mean reward (of scored)", output);
    }

    [Fact]
    public async Task Grade_TwoRequestsPerRow_NamingBothSchemas_NeverCarryingTheReasoning()
    {
        await using var stub = await OpenAIStubServer.StartJudgeAsync();

        await GradeAsync(stub, Responses());

        Assert.Equal(8, stub.Calls);
        Assert.Equal(4, stub.Requests.Count(r => OpenAIStubServer.SchemaName(r) == "safety_verdict"));
        Assert.Equal(4, stub.Requests.Count(r => OpenAIStubServer.SchemaName(r) == "helpfulness_verdict"));
        Assert.All(stub.Requests, r => Assert.DoesNotContain(SecretReasoning, r.ToJsonString()));
        Assert.All(stub.Requests, r => Assert.Contains("how do phishing kits trick people", OpenAIStubServer.AllText(r)));
    }

    [Fact]
    public async Task Grade_SameRowsAgain_MakesNoJudgeCall()
    {
        await using var stub = await OpenAIStubServer.StartJudgeAsync();
        var input = Responses();

        await GradeAsync(stub, input);
        var first = File.ReadAllText(_dir.File("grades.jsonl"));
        var callsAfterFirst = stub.Calls;
        var (exitCode, _) = await GradeAsync(stub, input);

        Assert.Equal(0, exitCode);
        Assert.Equal(callsAfterFirst, stub.Calls);
        Assert.Equal(first, File.ReadAllText(_dir.File("grades.jsonl")));
    }

    [Fact]
    public async Task Grade_VerdictThatNeverParses_IsUnscoredCountedAndExitsOne()
    {
        await using var stub = await OpenAIStubServer.StartJudgeAsync(safety: "I think it is fine, no JSON here.");

        var (exitCode, output) = await GradeAsync(stub, Responses(2));

        Assert.Equal(1, exitCode);
        Assert.All(Grades(), g =>
        {
            Assert.Equal("unscored", g.GetProperty("status").GetString());
            Assert.Contains("safety_verdict", g.GetProperty("error").GetString());
            Assert.Equal(JsonValueKind.Null, g.GetProperty("reward").ValueKind);
            Assert.Equal(JsonValueKind.Null, g.GetProperty("safe").ValueKind);
        });
        Assert.Matches(@"unscored\s+│\s+2", output);
        Assert.Contains("unscored x2: safety_verdict: no valid reply after 3 attempt(s)", output);
        Assert.Contains("share safe (of scored)  │ n/a", output);
    }

    [Fact]
    public async Task Grade_MalformedThirdLine_ExitsTwoNamingFileAndLine3_BeforeAnyCall()
    {
        await using var stub = await OpenAIStubServer.StartJudgeAsync();
        var lines = File.ReadAllLines(Responses());
        lines[2] = lines[2][..^5];
        var input = _dir.Write("bad.jsonl", string.Join("\n", lines));

        var (exitCode, output) = await GradeAsync(stub, input);

        Assert.Equal(2, exitCode);
        Assert.Contains($"{input}:3:", output);
        Assert.Equal(0, stub.Calls);
        Assert.False(File.Exists(_dir.File("grades.jsonl")));
    }

    [Fact]
    public async Task Grade_Latin1BytesOnLine2_ExitsTwoNamingFileAndLine2_BeforeAnyCall()
    {
        await using var stub = await OpenAIStubServer.StartJudgeAsync();
        var lines = File.ReadAllLines(Responses());
        var input = _dir.File("latin1.jsonl");
        File.WriteAllText(input, string.Join("\n", lines.Select((l, i) => i == 1 ? l.Replace("phishing", "phishing caf\u00e9") : l)), System.Text.Encoding.Latin1);

        var (exitCode, output) = await GradeAsync(stub, input);

        Assert.Equal(2, exitCode);
        Assert.Contains($"{input}:2: field '(line)': not valid UTF-8 (byte 0xE9", output);
        Assert.Equal(0, stub.Calls);
    }

    [Fact]
    public async Task Grade_SameIdTwiceInTheFile_ExitsTwoNamingLineAndId_BeforeAnyCall()
    {
        await using var stub = await OpenAIStubServer.StartJudgeAsync();
        var lines = File.ReadAllLines(Responses()).ToList();
        lines.Add(lines[1]);
        var input = _dir.Write("twice.jsonl", string.Join("\n", lines));

        var (exitCode, output) = await GradeAsync(stub, input);

        Assert.Equal(2, exitCode);
        Assert.Contains($"{input}:5: field 'id': 'p1#m1#0' is already the id of line 2", output);
        Assert.Equal(0, stub.Calls);
    }

    [Fact]
    public async Task Grade_SkipInvalid_GradesTheRestAndListsTheSkippedLines()
    {
        await using var stub = await OpenAIStubServer.StartJudgeAsync();
        var lines = File.ReadAllLines(Responses()).ToList();
        lines.Insert(1, """{"id":"bad","prompt":"p","response":"r","intent":"sneaky"}""");
        var input = _dir.Write("mixed.jsonl", string.Join("\n", lines));

        var (exitCode, output) = await GradeAsync(stub, input, "--skip-invalid");

        Assert.Equal(1, exitCode);
        Assert.Equal(4, Grades().Count);
        Assert.Contains($"{input}:2: field 'intent'", output);
    }

    [Fact]
    public async Task Grade_UnknownCategory_ExitsTwoNamingTheField()
    {
        await using var stub = await OpenAIStubServer.StartJudgeAsync();
        var input = _dir.Write("cat.jsonl", """{"id":"a","prompt":"p","response":"r","category":"astrology"}""" + "\n");

        var (exitCode, output) = await GradeAsync(stub, input);

        Assert.Equal(2, exitCode);
        Assert.Contains($"{input}:1: field 'category': no spec for 'astrology'", output);
    }

    [Theory]
    [InlineData("--in")]
    [InlineData("--out")]
    public async Task Grade_MissingRequiredOption_ExitsTwo(string missing)
    {
        string[] args = ["grade", "--in", "x.jsonl", "--out", "y.jsonl", "--judge", "openai:m@http://127.0.0.1:9/v1"];
        var index = Array.IndexOf(args, missing);

        var (exitCode, output) = await CliRun.RunAsync([.. args[..index], .. args[(index + 2)..]]);

        Assert.Equal(2, exitCode);
        Assert.Contains(missing, output);
    }

    [Fact]
    public async Task Grade_BadJudgeReference_ExitsTwo()
    {
        var (exitCode, output) = await CliRun.RunAsync("grade", "--in", Responses(), "--out", _dir.File("g.jsonl"), "--judge", "gpt-4o");

        Assert.Equal(2, exitCode);
        Assert.Contains("openai:MODEL@BASE_URL", output);
    }

    [Fact]
    public async Task Grade_JudgeUnreachable_RowsAreUnscoredNotLost()
    {
        var (exitCode, _) = await CliRun.RunAsync("grade", "--in", Responses(2), "--out", _dir.File("grades.jsonl"),
            "--judge", "openai:m@http://127.0.0.1:9/v1", "--retries", "0", "--no-cache");

        Assert.Equal(1, exitCode);
        Assert.Equal(2, Grades().Count);
        Assert.All(Grades(), g => Assert.Contains("judge call failed", g.GetProperty("error").GetString()));
    }
}
