using SafeCompletions.Contracts;
using SafeCompletions.Jsonl;
using SafeCompletions.Specs;

namespace SafeCompletions.Grading;

/// <summary>
/// Grades a response file into a grade file: checks every line first (so a bad line stops the run before any
/// model call), then streams rows through the grader with a bounded window of rows in flight (in batches when the
/// grader's traits ask for them), writing grades in input order. Memory stays flat whatever the file size.
/// </summary>
public sealed class GradeFileRunner(IGrader grader, SpecCatalog catalog)
{
    /// <summary>Grades <paramref name="inputPath"/> into <paramref name="outputPath"/>; throws <see cref="InvalidInputException"/> on a bad line unless told to skip.</summary>
    public async Task<GradeRunResult> RunAsync(
        string inputPath, string outputPath, GradeRunOptions? options = null,
        IProgress<GradeProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new GradeRunOptions();
        options.Validate();
        var (valid, skipped) = await CheckAsync(inputPath, options, cancellationToken).ConfigureAwait(false);
        var summary = new GradeSummary();
        foreach (var _ in skipped)
        {
            summary.AddSkipped();
        }
        progress?.Report(new GradeProgress(0, valid));

        await using var writer = new AtomicJsonlWriter<GradeRow>(outputPath, ContractJson.Default.GradeRow);
        var pipeline = grader.AsBuilder().UseUnscoredOnFault().Build();
        var batchSize = Math.Clamp(grader.Traits.PreferredBatchSize, 1, options.Window);
        // Rows in flight are graded a batch at a time (one row per call when the grader has no batching of its own),
        // at most a window of rows at once; grades are written as batches finish, in input order.
        var inFlight = new Queue<Task<GradeRow[]>>();
        var rowsInFlight = 0;
        var batch = new List<ResponseRow>(batchSize);
        await foreach (var line in ReadAsync(inputPath, cancellationToken).ConfigureAwait(false))
        {
            if (line.Row is not { } row)
            {
                continue;
            }
            batch.Add(row);
            if (batch.Count == batchSize)
            {
                Start();
            }
            while (rowsInFlight >= options.Window)
            {
                await WriteNextAsync().ConfigureAwait(false);
            }
        }
        if (batch.Count > 0)
        {
            Start();
        }
        while (inFlight.Count > 0)
        {
            await WriteNextAsync().ConfigureAwait(false);
        }
        await writer.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new GradeRunResult(summary, skipped);

        void Start()
        {
            inFlight.Enqueue(GradeAsync(pipeline, [.. batch], cancellationToken));
            rowsInFlight += batch.Count;
            batch.Clear();
        }

        async Task WriteNextAsync()
        {
            var grades = await inFlight.Dequeue().ConfigureAwait(false);
            rowsInFlight -= grades.Length;
            foreach (var grade in grades)
            {
                await writer.WriteAsync(grade, cancellationToken).ConfigureAwait(false);
                summary.Add(grade);
            }
            progress?.Report(new GradeProgress(summary.Total, valid));
        }
    }

    private static async Task<GradeRow[]> GradeAsync(IGrader pipeline, ResponseRow[] rows, CancellationToken cancellationToken)
    {
        if (rows.Length == 1)
        {
            return [GradeRow.From(rows[0], await pipeline.GradeAsync(GradeRequest.From(rows[0]), cancellationToken).ConfigureAwait(false))];
        }
        var grades = await pipeline.GradeBatchAsync([.. rows.Select(GradeRequest.From)], cancellationToken).ConfigureAwait(false);
        return [.. rows.Select((row, i) => GradeRow.From(row, grades[i]))];
    }

    private async Task<(int Valid, IReadOnlyList<RowError> Skipped)> CheckAsync(string inputPath, GradeRunOptions options, CancellationToken cancellationToken)
    {
        var valid = 0;
        var skipped = new List<RowError>();
        await foreach (var line in ReadAsync(inputPath, cancellationToken).ConfigureAwait(false))
        {
            if (line.Error is { } error)
            {
                if (!options.SkipInvalid)
                {
                    throw new InvalidInputException(error);
                }
                skipped.Add(error);
                continue;
            }
            valid++;
        }
        return (valid, skipped);
    }

    private IAsyncEnumerable<JsonlLine<ResponseRow>> ReadAsync(string inputPath, CancellationToken cancellationToken) =>
        JsonlReader.ReadAsync(inputPath, ContractJson.Default.ResponseRow, Validate, cancellationToken).RejectRepeatedIds(inputPath, r => r.Id, cancellationToken);

    private RowValidationProblem? Validate(ResponseRow row) =>
        RowValidation.Response(row)
        ?? (row.Category is { } category && catalog.Find(category) is null
            ? new RowValidationProblem("category", $"no spec for '{category}' (known: {string.Join(", ", catalog.All.Select(s => s.Id))}; add one with --specs DIR)")
            : null);
}
