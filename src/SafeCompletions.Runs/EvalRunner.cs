using System.Runtime.CompilerServices;
using System.Text.Json;
using SafeCompletions.Contracts;
using SafeCompletions.Grading;
using SafeCompletions.Jsonl;
using SafeCompletions.Statistics;

namespace SafeCompletions.Runs;

/// <summary>
/// Runs an evaluation into its directory: K samples of every model on every prompt, each graded, then
/// responses.jsonl, grades.jsonl and the report (metrics.json, and what the report writer adds). Every response and grade is stored as soon as it exists, and only
/// what is missing is done, so the same call after a crash (even SIGKILL) finishes the run without repeating work.
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
        foreach (var model in models)
        {
            await GenerateAsync(model, progress, cancellationToken).ConfigureAwait(false);
        }
        await GradeAsync(progress, cancellationToken).ConfigureAwait(false);
        return await WriteOutputsAsync(directory, cancellationToken).ConfigureAwait(false);
    }

    private async Task GenerateAsync(IResponseGenerator model, IProgress<EvalProgress>? progress, CancellationToken cancellationToken)
    {
        var total = 0;
        await foreach (var page in PromptPagesAsync(cancellationToken).ConfigureAwait(false))
        {
            total += page.Sum(p => model.SamplesFor(p.Row.Id!, samples));
        }
        var done = 0;
        await ResumableWork.RunAsync(MissingSamplesAsync(model, cancellationToken), concurrency, async (item, token) =>
        {
            var generated = await model.GenerateAsync(item.Prompt, item.Sample, token).ConfigureAwait(false);
            await store.SaveResponseAsync(ResponseOf(model.Name, item.Prompt, item.Sample, generated), generated.Error is not null, token).ConfigureAwait(false);
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

    private async Task GradeAsync(IProgress<EvalProgress>? progress, CancellationToken cancellationToken)
    {
        var (responses, _, graded, _) = store.Counts();
        var done = graded;
        // A grader that grades batches at once (the embedded encoder) gets its batch size of responses per work item.
        var batchSize = Math.Max(1, _grader.Traits.PreferredBatchSize);
        await ResumableWork.RunAsync(UngradedAsync(batchSize, cancellationToken), Math.Max(1, gradeConcurrency / batchSize), async (batch, token) =>
        {
            var gradable = batch.Where(b => !b.Failed).Select(b => GradeRequest.From(b.Row)).ToList();
            var grades = gradable.Count == 0 ? [] : await _grader.GradeBatchAsync(gradable, token).ConfigureAwait(false);
            var next = 0;
            foreach (var (row, failed) in batch)
            {
                var grade = failed ? Grade.Unscored(_grader.Name, ErrorOf(row) ?? "generation failed", row.Category) : grades[next++];
                await store.SaveGradeAsync(GradeRow.From(row, grade), token).ConfigureAwait(false);
                progress?.Report(new EvalProgress("grade", "all models", Interlocked.Increment(ref done), responses));
            }
        }, _ => { }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The responses without a grade, a store page at a time, cut into the grader's batches.</summary>
    private async IAsyncEnumerable<WorkPage<(ResponseRow Row, bool Failed)[]>> UngradedAsync(int batchSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        (string, string, int)? after = null;
        while (await store.UngradedResponsesAsync(1000, after, cancellationToken).ConfigureAwait(false) is { Count: > 0 } page)
        {
            var last = page[^1].Row;
            after = (last.Model!, last.PromptId!, last.Sample!.Value);
            yield return new WorkPage<(ResponseRow, bool)[]>(0, [.. page.Chunk(batchSize)]);
        }
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
        var review = new ReviewRows();
        await using (var grades = new AtomicJsonlWriter<GradeRow>(Path.Combine(directory, "grades.jsonl"), ContractJson.Default.GradeRow))
        {
            await foreach (var grade in store.GradesInOrderAsync(cancellationToken).ConfigureAwait(false))
            {
                summary.Add(grade);
                review.Add(grade);
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
        var files = await (reportWriter ?? new MetricsJson()).WriteAsync(directory, report, review,
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
