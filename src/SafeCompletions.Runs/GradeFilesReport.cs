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
        if (gradeFiles.GroupBy(Path.GetFullPath).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new FormatException($"{twice.First()} is given twice; each of its rows would be counted twice");
        }
        OutputDirectory.Create(directory);
        var calculator = new MetricsCalculator();
        var rows = new ReportRows();
        using (var grouping = openGrouping(directory))
        {
            foreach (var file in gradeFiles)
            {
                var read = 0;
                // Ids are checked by the grouping, on disk: within a file and across files (the same file given twice
                // would otherwise count every row twice), without holding every id in memory.
                await foreach (var line in JsonlReader.ReadAsync(file, ContractJson.Default.GradeRow, RowValidation.Grade, cancellationToken).ConfigureAwait(false))
                {
                    var grade = line.Row ?? throw new InvalidInputException(line.Error!);
                    if (grouping.Add(grade, new GradeOrigin(file, line.LineNumber)) is { } first)
                    {
                        throw new InvalidInputException(UniqueIds.Repeated(file, line.LineNumber, grade.Id, first.File, first.Line));
                    }
                    rows.Add(grade);
                    read++;
                }
                if (read == 0)
                {
                    throw new FormatException($"{file}: no grade rows (the file is empty); give the grades.jsonl that safecomp grade or eval wrote");
                }
            }
            grouping.AddTo(calculator);
        }
        var metrics = calculator.Compute();
        var files = await reportWriter.WriteAsync(directory, metrics, rows, (review, token) => ResponsesAsync(responsesFile, review, token), cancellationToken).ConfigureAwait(false);
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
