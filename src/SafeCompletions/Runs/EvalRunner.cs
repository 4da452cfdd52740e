using System.Text.Json;
using System.Threading.Channels;
using SafeCompletions.Contracts;
using SafeCompletions.Grading;
using SafeCompletions.Jsonl;
using SafeCompletions.Reporting;

namespace SafeCompletions.Runs;

/// <summary>
/// Runs an evaluation into its directory: K samples of every model on every prompt, each graded, then
/// responses.jsonl, grades.jsonl and metrics.json. Every response and grade is stored as soon as it exists, and only
/// what is missing is done, so the same call after a crash (even SIGKILL) finishes the run without repeating work.
/// Generation and grading run as one pipeline: a response goes to the grader as soon as it is stored, so the model's
/// and the judge's calls overlap and neither waits for the other's stage to end (with one endpoint serving both, its
/// slots never sit idle between a "generate" and a "grade" stage).
/// </summary>
public sealed class EvalRunner(EvalRunStore store, IReadOnlyList<IResponseGenerator> models, IGrader grader, int samples, int concurrency, int gradeConcurrency)
{
    /// <summary>Generates and grades what is missing, then writes the outputs; returns the counts and the metrics.</summary>
    public async Task<EvalResult> RunAsync(string directory, IProgress<EvalProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var totals = models.ToDictionary(m => m.Name, SampleTotal);
        // Bounded: generation waits when grading falls behind, so at most this many responses wait in memory.
        var toGrade = Channel.CreateBounded<(ResponseRow Row, bool Failed)>(new BoundedChannelOptions(Math.Max(64, gradeConcurrency * 2)));
        var (_, _, graded, _) = store.Counts();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var grading = GradeAsync(toGrade.Reader, new GradeTally(progress, graded, totals.Values.Sum()), stop);
        Exception? generationFailure = null;
        try
        {
            var leftovers = LeftoversAsync(toGrade.Writer, store.LastResponseRowId(), stop.Token);
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

    private int SampleTotal(IResponseGenerator model)
    {
        var total = 0;
        foreach (var page in store.PromptPages())
        {
            total += page.Sum(p => model.SamplesFor(p.Id!, samples));
        }
        return total;
    }

    private async Task GenerateAsync(IResponseGenerator model, int total, ChannelWriter<(ResponseRow, bool)> toGrade, IProgress<EvalProgress>? progress, CancellationToken cancellationToken)
    {
        var done = 0;
        // One stream of work across all pages, so the model is kept at full concurrency from the first call to the last.
        await Parallel.ForEachAsync(MissingWorkAsync(model, cancellationToken), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (item, token) =>
        {
            if (item.Prompt is null)
            {
                progress?.Report(new EvalProgress("generate", model.Name, Interlocked.Add(ref done, item.Sample), total));
                return;
            }
            var generated = await model.GenerateAsync(item.Prompt, item.Sample, token).ConfigureAwait(false);
            var row = ResponseOf(model.Name, item.Prompt, item.Sample, generated);
            var failed = generated.Error is not null;
            await store.SaveResponseAsync(row, failed, token).ConfigureAwait(false);
            progress?.Report(new EvalProgress("generate", model.Name, Interlocked.Increment(ref done), total));
            await toGrade.WriteAsync((row, failed), token).ConfigureAwait(false);
        }).ConfigureAwait(false);
        progress?.Report(new EvalProgress("generate", model.Name, total, total));
    }

    /// <summary>The samples a model still lacks, page by page; a work item with no prompt carries how many were already done.</summary>
    private async IAsyncEnumerable<(PromptRow? Prompt, int Sample)> MissingWorkAsync(IResponseGenerator model, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long after = 0;
        while (await store.PromptPageAsync(after, 500, cancellationToken).ConfigureAwait(false) is { Count: > 0 } page)
        {
            after = page[^1].Seq;
            var existing = await store.ExistingResponsesAsync(model.Name, [.. page.Select(p => p.Row.Id!)], cancellationToken).ConfigureAwait(false);
            yield return (null, existing.Count);
            foreach (var (_, prompt) in page)
            {
                for (var sample = 0; sample < model.SamplesFor(prompt.Id!, samples); sample++)
                {
                    if (!existing.Contains((prompt.Id!, sample)))
                    {
                        yield return (prompt, sample);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Responses an earlier run stored but did not grade (it stopped in between), up to the last response stored before
    /// this run began: what this run generates goes to the grader straight from generation.
    /// </summary>
    private async Task LeftoversAsync(ChannelWriter<(ResponseRow, bool)> toGrade, long lastBefore, CancellationToken cancellationToken)
    {
        (string, string, int)? after = null;
        while (await store.UngradedResponsesAsync(500, after, lastBefore, cancellationToken).ConfigureAwait(false) is { Count: > 0 } page)
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
                    ? Grade.Unscored(grader.Name, ErrorOf(item.Row) ?? "generation failed", item.Row.Category)
                    : await grader.GradeOrUnscoredAsync(GradeRequest.From(item.Row), token).ConfigureAwait(false);
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
            foreach (var row in store.RowsInOrder("responses"))
            {
                await responses.WriteAsync(JsonSerializer.Deserialize(row, ContractJson.Default.ResponseRow)!, cancellationToken).ConfigureAwait(false);
            }
            await responses.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        var summary = new GradeSummary();
        await using (var grades = new AtomicJsonlWriter<GradeRow>(Path.Combine(directory, "grades.jsonl"), ContractJson.Default.GradeRow))
        {
            foreach (var text in store.RowsInOrder("grades"))
            {
                var grade = JsonSerializer.Deserialize(text, ContractJson.Default.GradeRow)!;
                summary.Add(grade);
                await grades.WriteAsync(grade, cancellationToken).ConfigureAwait(false);
            }
            await grades.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        // A second pass, prompt by prompt (grades.jsonl keeps its model-major order): the statistics pair a prompt's
        // models as its rows go by, so they hold no per-prompt state.
        var metrics = new MetricsCalculator();
        foreach (var text in store.GradesByPrompt())
        {
            metrics.Add(JsonSerializer.Deserialize(text, ContractJson.Default.GradeRow)!);
        }
        var report = metrics.Compute();
        await File.WriteAllTextAsync(Path.Combine(directory, "metrics.json"), JsonSerializer.Serialize(report, ReportJson.Default.MetricsReport), cancellationToken).ConfigureAwait(false);
        var (responseCount, failed, _, _) = store.Counts();
        return new EvalResult(responseCount, failed, summary, report);
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

/// <summary>What a finished run holds: responses (and how many failed), the grades' summary and the metrics.</summary>
public sealed record EvalResult(int Responses, int Failed, GradeSummary Grades, MetricsReport Metrics);

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class RunJson : System.Text.Json.Serialization.JsonSerializerContext;
