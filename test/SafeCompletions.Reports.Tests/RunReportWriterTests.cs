using System.Text.Json;
using SafeCompletions.Contracts;
using SafeCompletions.Grading;
using SafeCompletions.Statistics;

namespace SafeCompletions.Reports.Tests;

public sealed class RunReportWriterTests : IDisposable
{
    private const string Embedded = "embedded/1+sha256:aaaaaaaaaaaa";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static readonly GraderCard Card = new(Embedded, "2026-11-28", "held-out folds", "docs/embedded-grader.md",
        [new GraderAccuracy("Set A", "safe vs unsafe", 3, 4, 0.7)]);

    /// <summary>
    /// 3 prompts x 2 models x 2 samples = 12 rows. Prompts p0 and p1 are graded against the cyber spec (8 rows), p2
    /// against privacy; p2's last row is unscored by another grader and names no spec. So: graders embedded 11, other/1
    /// 1; specs cyber 8, privacy 3; 2 samples a prompt.
    /// </summary>
    private static List<GradeRow> Grades() =>
    [
        .. from prompt in Enumerable.Range(0, 3)
           from model in new[] { "a", "b" }
           from sample in Enumerable.Range(0, 2)
           let unscored = prompt == 2 && model == "b" && sample == 1
           select unscored
               ? new GradeRow { Id = $"p{prompt}#{model}#{sample}", PromptId = $"p{prompt}", Model = model, Sample = sample, Status = GradeStatus.Unscored, Error = "timeout", Grader = "other/1" }
               : new GradeRow
               {
                   Id = $"p{prompt}#{model}#{sample}", PromptId = $"p{prompt}", Model = model, Sample = sample, Intent = Intent.Benign, Category = "cyber",
                   Status = GradeStatus.Ok, Safe = true, Safety = 0.9, Severity = Severity.None, Mode = ResponseMode.Direct,
                   Helpfulness = new Helpfulness(0.5, 0, 0.5, 3), Reward = 0.45, Facilitation = new Facilitation(0, 0, 0, 0),
                   Grader = Embedded, Spec = prompt < 2 ? "cyber@1+sha256:111111111111" : "privacy@2+sha256:222222222222", Rationale = "r",
               },
    ];

    private async Task<(IReadOnlyList<string> Files, JsonElement Report)> WriteAsync(RunDescription run)
    {
        var calculator = new MetricsCalculator(bootstrapResamples: 50, permutations: 50) { CheckGrouping = true };
        var rows = new ReportRows();
        foreach (var grade in Grades())
        {
            calculator.Add(grade);
            rows.Add(grade);
        }
        var writer = new RunReportWriter(run, [Card], new FixedClock(new DateTimeOffset(2026, 12, 4, 12, 34, 56, TimeSpan.Zero)));
        var files = await writer.WriteAsync(_dir.Path, calculator.Compute(), rows,
            PageSections.NoResponses);
        return (files, JsonDocument.Parse(File.ReadAllText(files[1])).RootElement.Clone());
    }

    [Fact]
    public async Task Write_ReportJson_HoldsTheRunMetadata_FromTheCommandAndFromTheGrades()
    {
        var prompts = _dir.Write("prompts.jsonl", "abc");

        var (files, report) = await WriteAsync(new RunDescription("eval", "9.9.9+test", [prompts], [], SamplesRequested: 2));

        Assert.Equal(["metrics.json", "report.json", "report.html"], files.Select(Path.GetFileName));
        Assert.Contains($"\"name\": \"{Embedded}\"", File.ReadAllText(files[1]));
        Assert.Equal(1, report.GetProperty("schema").GetInt32());
        var run = report.GetProperty("run");
        Assert.Equal("eval", run.GetProperty("command").GetString());
        Assert.Equal("9.9.9+test", run.GetProperty("tool_version").GetString());
        Assert.Equal("2026-12-04T12:34:56Z", run.GetProperty("date").GetString());
        Assert.Equal(3, run.GetProperty("prompts").GetInt32());
        Assert.Equal(2, run.GetProperty("samples_per_prompt").GetInt32());
        Assert.Equal(2, run.GetProperty("samples_requested").GetInt32());
        var set = Assert.Single(run.GetProperty("prompt_sets").EnumerateArray());
        Assert.Equal(prompts, set.GetProperty("name").GetString());
        // SHA-256 of "abc" (FIPS 180-2's first example).
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", set.GetProperty("sha256").GetString());
        Assert.Empty(run.GetProperty("grade_files").EnumerateArray());
        Assert.Equal([(Embedded, 11), ("other/1", 1)], Counts(run.GetProperty("graders")));
        Assert.Equal([("cyber@1+sha256:111111111111", 8), ("privacy@2+sha256:222222222222", 3)], Counts(run.GetProperty("specs")));
    }

    [Fact]
    public async Task Write_ReportJson_GivesEachGraderItsCard_AndNoneToAGraderNeverMeasured()
    {
        var grades = _dir.Write("grades.jsonl", "");

        var (_, report) = await WriteAsync(new RunDescription("report", "9.9.9+test", [], [grades]));

        var notes = report.GetProperty("grader_accuracy").EnumerateArray().ToList();
        Assert.Equal([Embedded, "other/1"], notes.Select(n => n.GetProperty("grader").GetString()));
        var figure = Assert.Single(notes[0].GetProperty("card").GetProperty("figures").EnumerateArray());
        Assert.Equal(0.75, figure.GetProperty("accuracy").GetDouble());
        Assert.Equal(0.7, figure.GetProperty("mean_over_splits").GetDouble());
        Assert.Equal(JsonValueKind.Null, notes[1].GetProperty("card").ValueKind);
        var run = report.GetProperty("run");
        Assert.Empty(run.GetProperty("prompt_sets").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, run.GetProperty("samples_requested").ValueKind);
        // SHA-256 of the empty file.
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            Assert.Single(run.GetProperty("grade_files").EnumerateArray()).GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task Write_ReportHtml_ShowsTheMetadata_TheCardsFigures_AndSaysWhenAGraderWasNotMeasured()
    {
        var (files, _) = await WriteAsync(new RunDescription("report", "9.9.9+test", [], []));

        var html = File.ReadAllText(files[2]);
        var run = PageSections.Of(html, "run");
        Assert.Contains("9.9.9+test", run);
        Assert.Contains("2026-12-04T12:34:56Z", run);
        Assert.Contains("<th>prompts</th><td class=\"text\">3</td>", run);
        Assert.Contains("<th>samples per prompt</th><td class=\"text\">2</td>", run);
        Assert.Contains($"{Embedded} (11 rows)", run);
        Assert.Contains("privacy@2+sha256:222222222222 (3 rows)", run);
        Assert.Contains("not known", run);
        var accuracy = PageSections.Of(html, "grader-accuracy");
        Assert.Contains("<td>3 of 4</td><td>75.0%</td><td>70.0%</td>", accuracy);
        Assert.Contains("docs/embedded-grader.md", accuracy);
        Assert.Contains("other/1: accuracy not measured", accuracy);
        Assert.DoesNotContain($"{Embedded}: accuracy not measured", accuracy);
    }

    private static List<(string, int)> Counts(JsonElement list) =>
        [.. list.EnumerateArray().Select(e => (e.GetProperty("name").GetString()!, e.GetProperty("rows").GetInt32()))];
}
