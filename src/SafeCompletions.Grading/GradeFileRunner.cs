using SafeCompletions.Contracts;
using SafeCompletions.Jsonl;
using SafeCompletions.Specs;

namespace SafeCompletions.Grading;

/// <summary>
/// Grades a response file into a grade file: checks every line first (so a bad line stops the run before any
/// model call), then streams rows through the grader with a bounded window of rows in flight, writing grades in
/// input order. Memory stays flat whatever the file size.
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
        var inFlight = new Queue<Task<GradeRow>>();
        await foreach (var line in JsonlReader.ReadAsync(inputPath, ContractJson.Default.ResponseRow, Validate, cancellationToken).ConfigureAwait(false))
        {
            if (line.Row is not { } row)
            {
                continue;
            }
            inFlight.Enqueue(GradeAsync(row, cancellationToken));
            if (inFlight.Count >= options.Window)
            {
                await WriteNextAsync().ConfigureAwait(false);
            }
        }
        while (inFlight.Count > 0)
        {
            await WriteNextAsync().ConfigureAwait(false);
        }
        await writer.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new GradeRunResult(summary, skipped);

        async Task WriteNextAsync()
        {
            var grade = await inFlight.Dequeue().ConfigureAwait(false);
            await writer.WriteAsync(grade, cancellationToken).ConfigureAwait(false);
            summary.Add(grade);
            progress?.Report(new GradeProgress(summary.Total, valid));
        }
    }

    private async Task<GradeRow> GradeAsync(ResponseRow row, CancellationToken cancellationToken) =>
        GradeRow.From(row, await grader.GradeOrUnscoredAsync(GradeRequest.From(row), cancellationToken).ConfigureAwait(false));

    private async Task<(int Valid, IReadOnlyList<RowError> Skipped)> CheckAsync(string inputPath, GradeRunOptions options, CancellationToken cancellationToken)
    {
        var valid = 0;
        var skipped = new List<RowError>();
        await foreach (var line in JsonlReader.ReadAsync(inputPath, ContractJson.Default.ResponseRow, Validate, cancellationToken).ConfigureAwait(false))
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

    private RowValidationProblem? Validate(ResponseRow row) =>
        RowValidation.Response(row)
        ?? (row.Category is { } category && catalog.Find(category) is null
            ? new RowValidationProblem("category", $"no spec for '{category}' (known: {string.Join(", ", catalog.All.Select(s => s.Id))}; add one with --specs DIR)")
            : null);
}
