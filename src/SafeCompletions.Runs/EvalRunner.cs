using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using SafeCompletions.Contracts;
using SafeCompletions.Grading;
using SafeCompletions.Jsonl;
using SafeCompletions.Models;
using SafeCompletions.Statistics;

namespace SafeCompletions.Runs;

/// <summary>
/// Runs an evaluation into its directory: K samples of every model on every prompt, each graded, then
/// responses.jsonl, grades.jsonl and the report (metrics.json, and what the report writer adds). Every response and
/// grade is stored as soon as it exists, and only what is missing is done, so the same call after a crash (even
/// SIGKILL) finishes the run without repeating work.
/// Generation and grading run as one pipeline: a response goes to the grader as soon as it is stored, so the model's
/// and the judge's calls overlap and neither waits for the other's stage to end (with one endpoint serving both, its
/// slots never sit idle between a "generate" and a "grade" stage).
/// </summary>
public sealed class EvalRunner(
    IEvalRunStore store, IReadOnlyList<IResponseGenerator> models, IGrader grader, int samples, int concurrency, int gradeConcurrency,
    IReportWriter? reportWriter = null)
{
    private const int PageSize = 500;

    /// <summary>The grader, with a fault turned into an unscored grade so that one row never stops the run.</summary>
    private readonly IGrader _grader = grader.AsBuilder().UseUnscoredOnFault().Build();

    /// <summary>Generates and grades what is missing, then writes the outputs; returns the counts and the metrics.</summary>
    public async Task<EvalResult> RunAsync(string directory, IProgress<EvalProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var totals = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var model in models)
        {
            totals[model.Name] = await SampleTotalAsync(model, cancellationToken).ConfigureAwait(false);
        }
        // Bounded: generation waits when grading falls behind, so at most this many responses wait in memory.
        var toGrade = Channel.CreateBounded<(ResponseRow Row, bool Failed)>(new BoundedChannelOptions(Math.Max(64, gradeConcurrency * 2)));
        var (_, _, graded, _) = store.Counts();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var grading = GradeAsync(toGrade.Reader, new GradeTally(progress, graded, totals.Values.Sum()), stop);
        Exception? generationFailure = null;
        try
        {
            var leftovers = LeftoversAsync(toGrade.Writer, store.ResponsesMark(), stop.Token);
            foreach (var model in models)
            {
                await GenerateAsync(model, totals[model.Name], toGrade.Writer, progress, stop.Token).ConfigureAwait(false);
            }
            await leftovers.ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            generationFailure = exception;
            await stop.CancelAsync().ConfigureAwait(false);
        }
        toGrade.Writer.TryComplete();
        await Task.WhenAny(grading).ConfigureAwait(false);
        if (generationFailure is not null && !grading.IsFaulted)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(generationFailure);
        }
        await grading.ConfigureAwait(false);
        return await WriteOutputsAsync(directory, cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> SampleTotalAsync(IResponseGenerator model, CancellationToken cancellationToken)
    {
        var total = 0;
        await foreach (var page in PromptPagesAsync(cancellationToken).ConfigureAwait(false))
        {
            total += page.Sum(p => model.SamplesFor(p.Row.Id!, samples));
        }
        return total;
    }

    private async Task GenerateAsync(IResponseGenerator model, int total, ChannelWriter<(ResponseRow, bool)> toGrade, IProgress<EvalProgress>? progress, CancellationToken cancellationToken)
    {
        var done = 0;
        await ResumableWork.RunAsync(MissingSamplesAsync(model, cancellationToken), concurrency, async (item, token) =>
        {
            var generated = await model.GenerateAsync(item.Prompt, item.Sample, token).ConfigureAwait(false);
            var row = ResponseOf(model.Name, item.Prompt, item.Sample, generated);
            var failed = generated.Error is not null;
            await store.SaveResponseAsync(row, failed, token).ConfigureAwait(false);
            await toGrade.WriteAsync((row, failed), token).ConfigureAwait(false);
        }, count => progress?.Report(new EvalProgress("generate", model.Name, Interlocked.Add(ref done, count), total)), cancellationToken).ConfigureAwait(false);
        progress?.Report(new EvalProgress("generate", model.Name, total, total));
    }

    private async IAsyncEnumerable<IReadOnlyList<(long Seq, PromptRow Row)>> PromptPagesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long after = 0;
        while (await store.PromptPageAsync(after, PageSize, cancellationToken).ConfigureAwait(false) is { Count: > 0 } page)
        {
            after = page[^1].Seq;
            yield return page;
        }
    }

    /// <summary>The samples a model still lacks, page by page.</summary>
    private async IAsyncEnumerable<WorkPage<(PromptRow Prompt, int Sample)>> MissingSamplesAsync(IResponseGenerator model, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in PromptPagesAsync(cancellationToken).ConfigureAwait(false))
        {
            var existing = await store.ExistingResponsesAsync(model.Name, [.. page.Select(p => p.Row.Id!)], cancellationToken).ConfigureAwait(false);
            var missing = new List<(PromptRow, int)>();
            foreach (var (_, prompt) in page)
            {
                for (var sample = 0; sample < model.SamplesFor(prompt.Id!, samples); sample++)
                {
                    if (!existing.Contains((prompt.Id!, sample)))
                    {
                        missing.Add((prompt, sample));
                    }
                }
            }
            yield return new WorkPage<(PromptRow, int)>(existing.Count, missing);
        }
    }

    /// <summary>
    /// Responses an earlier run stored but did not grade (it stopped in between), up to the last response stored before
    /// this run began: what this run generates goes to the grader straight from generation.
    /// </summary>
    private async Task LeftoversAsync(ChannelWriter<(ResponseRow, bool)> toGrade, long lastBefore, CancellationToken cancellationToken)
    {
        (string, string, int)? after = null;
        while (await store.UngradedResponsesAsync(PageSize, after, lastBefore, cancellationToken).ConfigureAwait(false) is { Count: > 0 } page)
        {
            var last = page[^1].Row;
            after = (last.Model!, last.PromptId!, last.Sample!.Value);
            foreach (var item in page)
            {
                await toGrade.WriteAsync(item, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task GradeAsync(ChannelReader<(ResponseRow Row, bool Failed)> toGrade, GradeTally tally, CancellationTokenSource stop)
    {
        try
        {
            await Parallel.ForEachAsync(toGrade.ReadAllAsync(stop.Token), new ParallelOptions { MaxDegreeOfParallelism = gradeConcurrency, CancellationToken = stop.Token }, async (item, token) =>
            {
                var grade = item.Failed
                    ? Grade.Unscored(_grader.Name, ErrorOf(item.Row) ?? "generation failed", item.Row.Category)
                    : await _grader.GradeAsync(GradeRequest.From(item.Row), token).ConfigureAwait(false);
                await store.SaveGradeAsync(GradeRow.From(item.Row, grade), token).ConfigureAwait(false);
                tally.Graded();
            }).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Grading that fails (a store that cannot be written) stops generation too, else it would wait on a full channel.
            await stop.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The "grade" progress of all models: grades stored out of the responses the run will have.</summary>
    private sealed class GradeTally(IProgress<EvalProgress>? progress, int done, int total)
    {
        private int _done = done;

        public void Graded() => progress?.Report(new EvalProgress("grade", "all models", Interlocked.Increment(ref _done), total));
    }

    private async Task<EvalResult> WriteOutputsAsync(string directory, CancellationToken cancellationToken)
    {
        await using (var responses = new AtomicJsonlWriter<ResponseRow>(Path.Combine(directory, "responses.jsonl"), ContractJson.Default.ResponseRow))
        {
            await foreach (var row in store.ResponsesInOrderAsync(cancellationToken).ConfigureAwait(false))
            {
                await responses.WriteAsync(row, cancellationToken).ConfigureAwait(false);
            }
            await responses.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        var summary = new GradeSummary();
        var reportRows = new ReportRows();
        await using (var grades = new AtomicJsonlWriter<GradeRow>(Path.Combine(directory, "grades.jsonl"), ContractJson.Default.GradeRow))
        {
            await foreach (var grade in store.GradesInOrderAsync(cancellationToken).ConfigureAwait(false))
            {
                summary.Add(grade);
                reportRows.Add(grade);
                await grades.WriteAsync(grade, cancellationToken).ConfigureAwait(false);
            }
            await grades.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        // A second pass, prompt by prompt (grades.jsonl keeps its model-major order): the statistics pair a prompt's
        // models as its rows go by, so they hold no per-prompt state.
        var metrics = new MetricsCalculator();
        await foreach (var grade in store.GradesByPromptAsync(cancellationToken).ConfigureAwait(false))
        {
            metrics.Add(grade);
        }
        var report = metrics.Compute();
        // The rows to review come with their texts from the store, not from the responses.jsonl just written.
        var files = await (reportWriter ?? new MetricsJson()).WriteAsync(directory, report, reportRows,
            (rows, token) => store.ResponsesAsync([.. rows.Select(g => (g.Model!, g.PromptId!, g.Sample!.Value))], token), cancellationToken).ConfigureAwait(false);
        var (responseCount, failed, _, _) = store.Counts();
        return new EvalResult(responseCount, failed, summary, report, files);
    }

    private static ResponseRow ResponseOf(string model, PromptRow prompt, int sample, GeneratedResponse generated)
    {
        var extra = prompt.Extra is null ? null : new Dictionary<string, JsonElement>(prompt.Extra);
        if (generated.Error is not null)
        {
            extra ??= [];
            extra["status"] = JsonSerializer.SerializeToElement("failed", RunJson.Default.String);
            extra["error"] = JsonSerializer.SerializeToElement(generated.Error, RunJson.Default.String);
        }
        return new ResponseRow
        {
            Id = $"{prompt.Id}#{model}#{sample}",
            PromptId = prompt.Id,
            Prompt = prompt.Prompt,
            Messages = prompt.Messages,
            Category = prompt.Category,
            Intent = prompt.Intent,
            Response = generated.Response,
            Reasoning = generated.Reasoning,
            Model = model,
            Sample = sample,
            Extra = extra,
        };
    }

    private static string? ErrorOf(ResponseRow row) =>
        row.Extra is { } extra && extra.TryGetValue("error", out var error) && error.ValueKind == JsonValueKind.String ? error.GetString() : null;
}

/// <summary>What a finished run holds: responses (and how many failed), the grades' summary, the metrics and the report files written.</summary>
public sealed record EvalResult(int Responses, int Failed, GradeSummary Grades, MetricsReport Metrics, IReadOnlyList<string> ReportFiles);

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class RunJson : System.Text.Json.Serialization.JsonSerializerContext;
