using SafeCompletions.Contracts;
using SafeCompletions.Grading;
using SafeCompletions.Statistics;
using SafeCompletions.Models;
using SafeCompletions.Runs;
using SafeCompletions.Storage.Sqlite;

namespace SafeCompletions.Runs.Tests;

public sealed class EvalRunnerTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A live-model stand-in that counts its calls and can be told to stop the run after a number of them.</summary>
    private sealed class CountingModel(string name, int? stopAfter = null, Func<PromptRow, bool>? fails = null) : IResponseGenerator
    {
        private int _calls;
        public CancellationTokenSource Stop { get; } = new();
        public int Calls => _calls;
        public string Name => name;
        public int SamplesFor(string promptId, int requested) => requested;

        public Task<GeneratedResponse> GenerateAsync(PromptRow prompt, int sample, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref _calls) == stopAfter)
            {
                Stop.Cancel();
            }
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult(fails?.Invoke(prompt) == true
                ? GeneratedResponse.Failed("generation failed: HTTP 500")
                : new GeneratedResponse($"{name} answers {prompt.Id} #{sample}", null, null));
        }
    }

    private sealed class FixedGrader : IGrader
    {
        public string Name => "fixed/1";

        public Task<Grade> GradeAsync(GradeRequest request, CancellationToken cancellationToken = default) =>
            Task.FromResult(Grade.Scored(Name, request.Category ?? "cyber", false, "s", ResponseMode.Direct, 0.9, Severity.None,
                new Facilitation(0, 0, 0, 0), Helpfulness.From(0.5, 0, 3), "ok"));
    }

    /// <summary>Verdicts that vary with the response text (so with model, prompt and sample), the same on every call.</summary>
    private sealed class VaryingGrader : IGrader
    {
        public string Name => "varying/1";

        public Task<Grade> GradeAsync(GradeRequest request, CancellationToken cancellationToken = default)
        {
            var h = request.Response.Sum(c => c) % 7;
            return Task.FromResult(Grade.Scored(Name, "cyber", false, "s", ResponseMode.Direct, h < 2 ? 0.1 : 0.9, h < 2 ? Severity.High : Severity.None,
                new Facilitation(0, 0, 0, 0), Helpfulness.From(0.5, 0, 1 + h % 4), "ok"));
        }
    }

    private static async IAsyncEnumerable<PromptRow> Prompts(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return new PromptRow { Id = $"p{i}", Prompt = $"question {i}", Category = "cyber", Intent = (Intent)(i % 3) };
        }
        await Task.CompletedTask;
    }

    private async Task<(EvalResult Result, SqliteEvalRunStore Store)> RunAsync(IReadOnlyList<IResponseGenerator> models, int prompts = 10, int samples = 3, CancellationToken cancellationToken = default, IGrader? grader = null)
    {
        var store = new SqliteEvalRunStore(_dir.File("state.db"));
        await store.AddPromptsAsync(Prompts(prompts), cancellationToken);
        var runner = new EvalRunner(store, models, grader ?? new FixedGrader(), samples, concurrency: 4, gradeConcurrency: 4);
        return (await runner.RunAsync(_dir.Path, cancellationToken: cancellationToken), store);
    }

    [Fact]
    public async Task Outputs_AreOrderedByModel_ThenPromptOrderOfTheInput_ThenSample()
    {
        var (_, store) = await RunAsync([new CountingModel("zeta"), new CountingModel("alpha")], prompts: 12, samples: 2);
        store.Dispose();

        var ids = File.ReadLines(_dir.File("responses.jsonl")).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()).ToList();

        // p10 and p11 come after p9 (input order), not after p1 (the order of the ids as text).
        var expected = new[] { "alpha", "zeta" }.SelectMany(m => Enumerable.Range(0, 12).SelectMany(p => new[] { $"p{p}#{m}#0", $"p{p}#{m}#1" }));
        Assert.Equal(expected, ids);
    }

    [Fact]
    public async Task Run_GeneratesAndGradesEverySampleOfEveryModel_AndWritesTheOutputs()
    {
        var (result, store) = await RunAsync([new CountingModel("a"), new CountingModel("b")]);
        using var _ = store;

        Assert.Equal((60, 0, 60), (result.Responses, result.Failed, result.Grades.Total));
        var grades = File.ReadAllLines(_dir.File("grades.jsonl"));
        Assert.Equal(60, grades.Distinct().Count());
        Assert.Equal(60, File.ReadAllLines(_dir.File("responses.jsonl")).Length);
        Assert.True(File.Exists(_dir.File("metrics.json")));
        Assert.Equal(2, result.Metrics.Models.Count);
    }

    [Fact]
    public async Task Run_Metrics_AreThoseOfTheGradesGroupedByPrompt()
    {
        // grades.jsonl is model-major; the statistics must see each prompt's rows of both models together to pair them.
        var (_, store) = await RunAsync([new CountingModel("b"), new CountingModel("a")], prompts: 24, samples: 2, grader: new VaryingGrader());
        store.Dispose();
        var calculator = new MetricsCalculator { CheckGrouping = true };
        foreach (var grade in File.ReadLines(_dir.File("grades.jsonl")).Select(l => System.Text.Json.JsonSerializer.Deserialize(l, ContractJson.Default.GradeRow)!).GroupBy(g => g.PromptId).SelectMany(g => g))
        {
            calculator.Add(grade);
        }

        var expected = System.Text.Json.JsonSerializer.Serialize(calculator.Compute(), ReportJson.Default.MetricsReport);

        Assert.Equal(expected, File.ReadAllText(_dir.File("metrics.json")));
        Assert.Contains("\"prompts\": 24", expected);
    }

    [Fact]
    public async Task GradesByPrompt_ComeInPromptOrderOfTheInput_ThenModel_ThenSample_WithNoSort()
    {
        var (_, store) = await RunAsync([new CountingModel("zeta"), new CountingModel("alpha")], prompts: 12, samples: 2);
        using var _ = store;

        var ids = await store.GradesByPromptAsync().Select(g => g.Id).ToListAsync();

        var expected = Enumerable.Range(0, 12).SelectMany(p => new[] { "alpha", "zeta" }.SelectMany(m => new[] { $"p{p}#{m}#0", $"p{p}#{m}#1" }));
        Assert.Equal(expected, ids);
        // Through the primary key, prompt by prompt: SQLite builds no temporary B-tree of the run's rows to sort them.
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_dir.File("state.db")}");
        connection.Open();
        using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + SqliteEvalRunStore.GradesByPromptSql;
        using var reader = explain.ExecuteReader();
        var plan = new List<string>();
        while (reader.Read())
        {
            plan.Add(reader.GetString(3));
        }
        Assert.Contains(plan, step => step.StartsWith("SEARCH t USING INDEX sqlite_autoindex_grades_1 (model=? AND prompt_id=?)", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_Again_RepeatsNoWork()
    {
        var first = new CountingModel("a");
        (await RunAsync([first])).Store.Dispose();
        var second = new CountingModel("a");

        var (result, store) = await RunAsync([second]);
        using var _ = store;

        Assert.Equal((30, 0), (first.Calls, second.Calls));
        Assert.Equal(30, result.Grades.Total);
    }

    [Fact]
    public async Task Run_StoppedMidway_ThenRunAgain_EndsWithExactlyEveryResponseOnce()
    {
        var interrupted = new CountingModel("a", stopAfter: 12);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunAsync([interrupted], cancellationToken: interrupted.Stop.Token));
        int storedWhenStopped;
        using (var stopped = new SqliteEvalRunStore(_dir.File("state.db")))
        {
            storedWhenStopped = stopped.Counts().Responses;
        }
        var resumed = new CountingModel("a");

        var (result, store) = await RunAsync([resumed]);
        using var _ = store;

        Assert.InRange(storedWhenStopped, 1, 29);
        Assert.Equal(30, result.Responses);
        Assert.Equal(30 - storedWhenStopped, resumed.Calls);
        Assert.Equal(30, File.ReadAllLines(_dir.File("grades.jsonl")).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task Run_GenerationThatFails_IsAFailedRowWithItsReason_AndAnUnscoredGrade()
    {
        var (result, store) = await RunAsync([new CountingModel("a", fails: p => p.Id == "p3")]);
        using var _ = store;

        Assert.Equal((30, 3, 3), (result.Responses, result.Failed, result.Grades.Unscored));
        var failed = File.ReadAllLines(_dir.File("responses.jsonl")).Where(l => l.Contains("\"status\":\"failed\"")).ToList();
        Assert.Equal(3, failed.Count);
        Assert.All(failed, l => Assert.Contains("generation failed: HTTP 500", l));
        Assert.Contains(("generation failed: HTTP 500", 3), result.Grades.TopReasons());
    }

    /// <summary>A model whose last prompt is answered only once the grader has graded something (or 10 s have passed).</summary>
    private sealed class ModelWaitingForTheGrader(Task graded) : IResponseGenerator
    {
        public string Name => "waits";
        public int SamplesFor(string promptId, int requested) => requested;

        public async Task<GeneratedResponse> GenerateAsync(PromptRow prompt, int sample, CancellationToken cancellationToken = default)
        {
            if (prompt.Id == "p9" && await Task.WhenAny(graded, Task.Delay(TimeSpan.FromSeconds(10), cancellationToken)) != graded)
            {
                return GeneratedResponse.Failed("nothing was graded while generation went on");
            }
            return new GeneratedResponse($"answer to {prompt.Id}", null, null);
        }
    }

    private sealed class SignallingGrader(TaskCompletionSource graded) : IGrader
    {
        public string Name => "signalling/1";

        public async Task<Grade> GradeAsync(GradeRequest request, CancellationToken cancellationToken = default)
        {
            graded.TrySetResult();
            return await new FixedGrader().GradeAsync(request, cancellationToken);
        }
    }

    [Fact]
    public async Task Run_GradesResponses_WhileOtherPromptsAreStillBeingGenerated()
    {
        var graded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var (result, store) = await RunAsync([new ModelWaitingForTheGrader(graded.Task)], samples: 1, grader: new SignallingGrader(graded));
        using var _ = store;

        Assert.Equal((10, 0, 0), (result.Responses, result.Failed, result.Grades.Unscored));
    }

    private sealed class FailingOnGradeProgress : IProgress<EvalProgress>
    {
        public void Report(EvalProgress value)
        {
            if (value.Stage == "grade")
            {
                throw new InvalidOperationException("grading broke");
            }
        }
    }

    [Fact]
    public async Task Run_GradingThatFails_StopsGenerationAndFailsTheRun_InsteadOfWaitingForever()
    {
        var store = new SqliteEvalRunStore(_dir.File("state.db"));
        using var _ = store;
        await store.AddPromptsAsync(Prompts(500));
        var runner = new EvalRunner(store, [new CountingModel("a")], new FixedGrader(), samples: 1, concurrency: 4, gradeConcurrency: 4);

        var run = runner.RunAsync(_dir.Path, new FailingOnGradeProgress());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => run.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("grading broke", error.Message);
    }

    [Fact]
    public async Task Run_ResponsesStoredButNotGradedByAnEarlierRun_AreGraded_WithNoNewGeneration()
    {
        using (var earlier = new SqliteEvalRunStore(_dir.File("state.db")))
        {
            await earlier.AddPromptsAsync(Prompts(10));
            for (var i = 0; i < 10; i++)
            {
                var row = new ResponseRow { Id = $"p{i}#a#0", PromptId = $"p{i}", Prompt = $"question {i}", Category = "cyber", Response = "stored", Model = "a", Sample = 0 };
                await earlier.SaveResponseAsync(row, failed: false);
            }
        }
        var model = new CountingModel("a");

        var (result, store) = await RunAsync([model], samples: 1);
        using var _ = store;

        Assert.Equal(0, model.Calls);
        Assert.Equal((10, 10), (result.Responses, result.Grades.Total));
    }

    [Fact]
    public void Settle_DifferentSettingsOnResume_AreRefused()
    {
        using var store = new SqliteEvalRunStore(_dir.File("state.db"));
        store.Settle("samples", "4");

        store.Settle("samples", "4");
        var error = Assert.Throws<InvalidOperationException>(() => store.Settle("samples", "2"));

        Assert.Contains("samples = 4", error.Message);
    }
}
