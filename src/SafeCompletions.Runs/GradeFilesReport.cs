using SafeCompletions.Contracts;
using SafeCompletions.Files;
using SafeCompletions.Jsonl;
using SafeCompletions.Statistics;

namespace SafeCompletions.Runs;

/// <summary>
/// <c>safecomp report</c>: the paper's metrics recomputed from grade files whose rows come in any order (often one file
/// per model), and the report written by the same writer eval uses. Each grade file is read once: its rows go to the
/// grouping (prompt by prompt for the statistics, through a temporary store rather than memory) and to the rows to
/// review; the responses file, when given, is read for those rows' texts.
/// </summary>
public sealed class GradeFilesReport(Func<string, IGradeGrouping> openGrouping, IReportWriter reportWriter)
{
    /// <summary>Writes the report of <paramref name="gradeFiles"/> into <paramref name="directory"/>; returns the metrics and the files written.</summary>
    public async Task<(MetricsReport Metrics, IReadOnlyList<string> Files)> WriteAsync(
        IReadOnlyList<string> gradeFiles, string? responsesFile, string directory, CancellationToken cancellationToken = default)
    {
        OutputDirectory.Create(directory);
        var calculator = new MetricsCalculator();
        var review = new ReviewRows();
        using (var grouping = openGrouping(directory))
        {
            foreach (var file in gradeFiles)
            {
                await foreach (var line in JsonlReader.ReadAsync(file, ContractJson.Default.GradeRow, cancellationToken: cancellationToken).RejectRepeatedIds(file, r => r.Id, cancellationToken).ConfigureAwait(false))
                {
                    var grade = line.Row ?? throw new InvalidInputException(line.Error!);
                    grouping.Add(grade);
                    review.Add(grade);
                }
            }
            grouping.AddTo(calculator);
        }
        var metrics = calculator.Compute();
        var files = await reportWriter.WriteAsync(directory, metrics, review, (rows, token) => ResponsesAsync(responsesFile, rows, token), cancellationToken).ConfigureAwait(false);
        return (metrics, files);
    }

    private static async Task<IReadOnlyDictionary<string, ResponseRow>> ResponsesAsync(string? responsesFile, IReadOnlyList<GradeRow> rows, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, ResponseRow>(StringComparer.Ordinal);
        if (responsesFile is null || !File.Exists(responsesFile))
        {
            return found;
        }
        var ids = rows.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        await foreach (var line in JsonlReader.ReadAsync(responsesFile, ContractJson.Default.ResponseRow, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (line.Row is { Id: { } id } row && ids.Contains(id))
            {
                found[id] = row;
            }
        }
        return found;
    }
}
