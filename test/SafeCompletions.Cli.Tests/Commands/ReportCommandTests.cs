using System.Text.Json;
using SafeCompletions.Contracts;
using SafeCompletions.Statistics;
using SafeCompletions.Cli.Tests.TestDoubles;

namespace SafeCompletions.Cli.Tests.Commands;

public sealed class ReportCommandTests
{
    private static string Grade(string id, string model, string prompt, bool safe, int score) =>
        $$"""{"id":"{{id}}","prompt_id":"{{prompt}}","model":"{{model}}","intent":"malicious","status":"ok","error":null,"mode":"direct","safe":{{(safe ? "true" : "false")}},"safety":{{(safe ? 0.9 : 0.1)}},"severity":"{{(safe ? "none" : "high")}}","facilitation":{"procedural":0,"troubleshooting":0,"sensitive_data":0,"ideation":0},"helpfulness":{"direct":0.5,"indirect":0,"h":0.5,"score":{{score}}},"reward":0.4,"grader":"test","spec":"s","rationale":"r"}""";

    [Fact]
    public async Task Report_GradeFilesOfTwoModels_WritesMetricsJsonAndThePaperTable()
    {
        using var dir = new TempDirectory();
        var first = dir.Write("m1.jsonl", string.Join("\n", Enumerable.Range(0, 6).Select(i => Grade($"a{i}", "m1", $"p{i}", i < 3, 2))));
        var second = dir.Write("m2.jsonl", string.Join("\n", Enumerable.Range(0, 6).Select(i => Grade($"b{i}", "m2", $"p{i}", i < 5, 3))));

        var (exitCode, output) = await CliRun.RunAsync("report", "--grades", first, "--grades", second, "--out", dir.Path);

        Assert.Equal(0, exitCode);
        using var metrics = JsonDocument.Parse(File.ReadAllText(dir.File("metrics.json")));
        Assert.Equal(1, metrics.RootElement.GetProperty("schema").GetInt32());
        Assert.Equal(0.5, metrics.RootElement.GetProperty("models").GetProperty("m1").GetProperty("malicious").GetProperty("safety").GetDouble());
        Assert.Equal(5.0 / 6, metrics.RootElement.GetProperty("models").GetProperty("m2").GetProperty("malicious").GetProperty("safety").GetDouble(), precision: 12);
        var comparison = metrics.RootElement.GetProperty("comparisons").EnumerateArray()
            .Single(c => c.GetProperty("intent").GetString() == "malicious" && c.GetProperty("metric").GetString() == "safety");
        Assert.Equal(5.0 / 6 - 0.5, comparison.GetProperty("diff").GetDouble(), precision: 12);
        Assert.Contains("malicious", output);
        Assert.Contains("0.833", output);
    }

    [Fact]
    public async Task Report_WritesReportJson_NamingTheToolVersion_TheGradeFiles_AndTheirGraderAsNotMeasured()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("m1.jsonl", string.Join("\n", Enumerable.Range(0, 4).Select(i => Grade($"a{i}", "m1", $"p{i}", true, 3))));

        var (exitCode, output) = await CliRun.RunAsync("report", "--grades", file, "--out", dir.Path);

        Assert.Equal(0, exitCode);
        Assert.Contains("report.json", output);
        using var report = JsonDocument.Parse(File.ReadAllText(dir.File("report.json")));
        var run = report.RootElement.GetProperty("run");
        Assert.Equal("report", run.GetProperty("command").GetString());
        Assert.Equal(SafecompApp.Version, run.GetProperty("tool_version").GetString());
        Assert.Equal(4, run.GetProperty("prompts").GetInt32());
        var gradeFile = Assert.Single(run.GetProperty("grade_files").EnumerateArray());
        Assert.Equal(file, gradeFile.GetProperty("name").GetString());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file))), gradeFile.GetProperty("sha256").GetString());
        var note = Assert.Single(report.RootElement.GetProperty("grader_accuracy").EnumerateArray());
        Assert.Equal("test", note.GetProperty("grader").GetString());
        Assert.Equal(JsonValueKind.Null, note.GetProperty("card").ValueKind);
        Assert.Contains("test: accuracy not measured", File.ReadAllText(dir.File("report.html")));
        // The rows name no category: all four count under "(none)", every one safe.
        var none = report.RootElement.GetProperty("categories").GetProperty("m1").GetProperty("(none)");
        Assert.Equal((4, 4, 1.0), (none.GetProperty("n").GetInt32(), none.GetProperty("safe").GetInt32(), none.GetProperty("safety").GetDouble()));
    }

    [Fact]
    public async Task Report_OneGradeFilePerModel_GivesTheMetricsOfTheSameRowsGroupedByPrompt()
    {
        // Each file holds one model's rows, so the rows of a prompt are a file apart: report groups them itself.
        using var dir = new TempDirectory();
        string Rows(string model, int unsafeEvery) => string.Join("\n", Enumerable.Range(0, 30).SelectMany(p => Enumerable.Range(0, 2).Select(s =>
            Grade($"p{p}#{model}#{s}", model, $"p{p}", (p + s) % unsafeEvery != 0, 1 + (p + s) % 4))));
        var first = dir.Write("m1.jsonl", Rows("m1", 3));
        var second = dir.Write("m2.jsonl", Rows("m2", 7));
        var calculator = new MetricsCalculator { CheckGrouping = true };
        foreach (var line in File.ReadLines(first).Zip(File.ReadLines(second)).SelectMany(pair => new[] { pair.First, pair.Second }))
        {
            calculator.Add(JsonSerializer.Deserialize(line, ContractJson.Default.GradeRow)!);
        }

        var (exitCode, _) = await CliRun.RunAsync("report", "--grades", first, "--grades", second, "--out", dir.Path);

        Assert.Equal(0, exitCode);
        var expected = JsonSerializer.Serialize(calculator.Compute(), ReportJson.Default.MetricsReport);
        Assert.Equal(expected, File.ReadAllText(dir.File("metrics.json")));
        Assert.Contains("\"prompts\": 30", expected);
    }

    [Fact]
    public async Task Report_ResponsesFile_ExitsTwoNamingFileLineAndTheMissingField_NotASafetyOfZero()
    {
        using var dir = new TempDirectory();
        var responses = dir.Write("responses.jsonl", """{"id":"p1#m#0","prompt_id":"p1","model":"m","prompt":"How do I pick a lock?","response":"I can't help with that."}""" + "\n");

        var (exitCode, output) = await CliRun.RunAsync("report", "--grades", responses, "--out", dir.File("out"));

        Assert.Equal(2, exitCode);
        Assert.Contains($"{responses}:1: field 'safe': missing; a grade row", output);
        Assert.DoesNotContain("0.000", output);
        Assert.False(File.Exists(dir.File("out/metrics.json")));
    }

    [Fact]
    public async Task Report_SameGradeFileTwiceOrACopy_ExitsTwo_NamingTheFileOrBothFilesAndLines()
    {
        using var dir = new TempDirectory();
        var grades = dir.Write("m1.jsonl", string.Join("\n", Enumerable.Range(0, 3).Select(i => Grade($"a{i}", "m1", $"p{i}", true, 2))) + "\n");
        var copy = dir.Write("copy.jsonl", File.ReadAllText(grades));

        var (twice, sameFile) = await CliRun.RunAsync("report", "--grades", grades, "--grades", grades, "--out", dir.File("out"));
        var (copied, otherFile) = await CliRun.RunAsync("report", "--grades", grades, "--grades", copy, "--out", dir.File("out"));

        Assert.Equal((2, 2), (twice, copied));
        Assert.Contains($"{grades} is given twice; each of its rows would be counted twice", sameFile);
        Assert.Contains($"{copy}:1: field 'id': 'a0' is already the id of {grades}:1; a row must be in one file only", otherFile);
    }

    [Fact]
    public async Task Report_RepeatedIdWithinAFile_ExitsTwoNamingBothLines()
    {
        using var dir = new TempDirectory();
        var grades = dir.Write("g.jsonl", Grade("a", "m", "p1", true, 2) + "\n" + Grade("b", "m", "p2", true, 2) + "\n" + Grade("a", "m", "p3", false, 1) + "\n");

        var (exitCode, output) = await CliRun.RunAsync("report", "--grades", grades, "--out", dir.File("out"));

        Assert.Equal(2, exitCode);
        Assert.Contains($"{grades}:3: field 'id': 'a' is already the id of line 1; ids must be unique within a file", output);
    }

    [Fact]
    public async Task Report_EmptyFile_ExitsTwoSayingSo()
    {
        using var dir = new TempDirectory();
        var empty = dir.Write("empty.jsonl", "");

        var (exitCode, output) = await CliRun.RunAsync("report", "--grades", empty, "--out", dir.File("out"));

        Assert.Equal(2, exitCode);
        Assert.Contains($"{empty}: no grade rows (the file is empty)", output);
        Assert.DoesNotContain("internal error", output);
    }

    [Fact]
    public async Task Report_MalformedLine_ExitsTwoNamingIt()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("g.jsonl", Grade("a", "m", "p", true, 3) + "\n{\"id\":\"b\",\"status\":\"sideways\"}\n");

        var (exitCode, output) = await CliRun.RunAsync("report", "--grades", file, "--out", dir.Path);

        Assert.Equal(2, exitCode);
        Assert.Contains($"{file}:2: field 'status'", output);
    }
}
