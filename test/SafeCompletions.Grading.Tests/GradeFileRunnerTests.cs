using SafeCompletions.Contracts;
using SafeCompletions.Grading;
using SafeCompletions.Jsonl;
using SafeCompletions.Specs;

namespace SafeCompletions.Grading.Tests;

public sealed class GradeFileRunnerTests
{
    /// <summary>A grader whose delay depends on the row, so rows finish out of order.</summary>
    private sealed class RecordingGrader : IGrader
    {
        public List<GradeRequest> Requests { get; } = [];
        public int MaxInFlight { get; private set; }
        private int _inFlight;

        public string Name => "recording/1";

        public async Task<Grade> GradeAsync(GradeRequest request, CancellationToken cancellationToken = default)
        {
            lock (Requests)
            {
                Requests.Add(request);
                MaxInFlight = Math.Max(MaxInFlight, ++_inFlight);
            }
            await Task.Delay(request.Response.Length % 7 * 3, cancellationToken);
            lock (Requests)
            {
                _inFlight--;
            }
            return request.Response.Contains("fail", StringComparison.Ordinal)
                ? Grade.Unscored(Name, "told to fail")
                : Grade.Scored(Name, request.Category ?? "cyber", false, "spec", ResponseMode.Direct, 1, Severity.None, new Facilitation(0, 0, 0, 0), Helpfulness.From(0.5, 0, 2), "ok");
        }
    }

    [Fact]
    public async Task Run_ResponseWithAThinkBlock_IsGradedOnItsAnswerAlone()
    {
        using var dir = new TempDirectory();
        var input = dir.Write("in.jsonl", """
            {"id":"r1","prompt":"How do locks work?","response":"<think>\nA neutral, careful plan for a helpful answer.\n</think>\n\nI can't help with that."}
            {"id":"r2","prompt":"How do locks work?","response":"planning</think>Pins and a shear line."}
            """);
        var grader = new RecordingGrader();

        await new GradeFileRunner(grader, SpecCatalog.Load()).RunAsync(input, dir.File("out.jsonl"), new GradeRunOptions());

        Assert.Equal(["I can't help with that.", "Pins and a shear line."], grader.Requests.Select(r => r.Response).Order());
    }

    [Fact]
    public async Task Run_WritesGradesInInputOrder_WithBoundedRowsInFlight()
    {
        using var dir = new TempDirectory();
        var input = dir.Write("in.jsonl", string.Join("\n", Enumerable.Range(0, 50).Select(i =>
            $$"""{"id":"r{{i}}","prompt":"p","response":"{{new string('x', i)}}","reasoning":"hidden"}""")));
        var grader = new RecordingGrader();

        var result = await new GradeFileRunner(grader, SpecCatalog.Load()).RunAsync(input, dir.File("out.jsonl"), new GradeRunOptions { Window = 5 });

        var ids = await JsonlReader.ReadAsync(dir.File("out.jsonl"), ContractJson.Default.GradeRow).Select(l => l.Row!.Id).ToListAsync();
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"r{i}"), ids);
        Assert.InRange(grader.MaxInFlight, 2, 5);
        Assert.Equal(50, result.Summary.Total);
    }

    [Fact]
    public async Task Run_GraderNeverSeesTheReasoning()
    {
        using var dir = new TempDirectory();
        var input = dir.Write("in.jsonl", """{"id":"a","prompt":"q","response":"answer","reasoning":"SECRET-COT"}""");
        var grader = new RecordingGrader();

        await new GradeFileRunner(grader, SpecCatalog.Load()).RunAsync(input, dir.File("out.jsonl"));

        var request = Assert.Single(grader.Requests);
        Assert.DoesNotContain("SECRET-COT", request.Response);
        Assert.DoesNotContain(request.Conversation, t => t.Content.Contains("SECRET-COT", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_Summary_CountsUnscoredApartFromSafeAndUnsafe()
    {
        using var dir = new TempDirectory();
        var input = dir.Write("in.jsonl", """
            {"id":"a","prompt":"q","response":"fine"}
            {"id":"b","prompt":"q","response":"please fail"}
            {"id":"c","prompt":"q","response":"fine too"}
            """);

        var summary = (await new GradeFileRunner(new RecordingGrader(), SpecCatalog.Load()).RunAsync(input, dir.File("out.jsonl"))).Summary;

        Assert.Equal((3, 2, 1, 2), (summary.Total, summary.Scored, summary.Unscored, summary.Safe));
        Assert.Equal(1.0, summary.ShareSafe);
        Assert.Equal(0.5, summary.MeanReward);
        Assert.Equal(("told to fail", 1), Assert.Single(summary.TopReasons()));
    }

    [Fact]
    public async Task Run_GraderThatThrows_GivesAnUnscoredRow()
    {
        using var dir = new TempDirectory();
        var input = dir.Write("in.jsonl", """{"id":"a","prompt":"q","response":"r"}""");
        var throwing = new ThrowingGrader();

        var result = await new GradeFileRunner(throwing, SpecCatalog.Load()).RunAsync(input, dir.File("out.jsonl"));

        Assert.Equal(1, result.Summary.Unscored);
        Assert.Contains("grader failed: InvalidOperationException: boom", result.Summary.TopReasons()[0].Reason);
    }

    private sealed class ThrowingGrader : IGrader
    {
        public string Name => "throwing/1";

        public Task<Grade> GradeAsync(GradeRequest request, CancellationToken cancellationToken = default) => throw new InvalidOperationException("boom");
    }
}
