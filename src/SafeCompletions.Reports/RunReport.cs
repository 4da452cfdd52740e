using SafeCompletions.Contracts;
using SafeCompletions.Jsonl;
using SafeCompletions.Statistics;

namespace SafeCompletions.Reports;

/// <summary>Writes report.html for grade files, picking the rows to review and, when a response file is at hand, their texts.</summary>
public static class RunReport
{
    public static async Task<string> WriteAsync(string directory, MetricsReport metrics, IReadOnlyList<string> gradeFiles, string? responsesFile, CancellationToken cancellationToken = default)
    {
        var severe = new List<GradeRow>();
        var refusals = new List<GradeRow>();
        foreach (var file in gradeFiles)
        {
            await foreach (var line in JsonlReader.ReadAsync(file, ContractJson.Default.GradeRow, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (line.Row is not { Status: GradeStatus.Ok } grade)
                {
                    continue;
                }
                if (grade.Safe == false && grade.Severity is Severity.High or Severity.Moderate && severe.Count < HtmlReport.DrillDownLimit)
                {
                    severe.Add(grade);
                }
                if (grade.Intent == Intent.Benign && grade.Mode is ResponseMode.HardRefusal or ResponseMode.RefusalWithRedirect && refusals.Count < HtmlReport.DrillDownLimit)
                {
                    refusals.Add(grade);
                }
            }
        }
        var texts = await TextsAsync(responsesFile, [.. severe.Select(g => g.Id), .. refusals.Select(g => g.Id)], cancellationToken).ConfigureAwait(false);
        DrillDownRow With(GradeRow g) => texts.TryGetValue(g.Id, out var t) ? new DrillDownRow(g, t.Prompt, t.Response) : new DrillDownRow(g, null, null);
        var path = Path.Combine(directory, "report.html");
        HtmlReport.Write(path, metrics, [.. severe.Select(With)], [.. refusals.Select(With)]);
        return path;
    }

    private static async Task<Dictionary<string, (string? Prompt, string? Response)>> TextsAsync(string? responsesFile, HashSet<string> ids, CancellationToken cancellationToken)
    {
        var texts = new Dictionary<string, (string?, string?)>(StringComparer.Ordinal);
        if (responsesFile is null || !File.Exists(responsesFile) || ids.Count == 0)
        {
            return texts;
        }
        await foreach (var line in JsonlReader.ReadAsync(responsesFile, ContractJson.Default.ResponseRow, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (line.Row is { Id: { } id } row && ids.Contains(id))
            {
                texts[id] = (string.Join("\n", row.Conversation().Select(t => t.Content)), row.Response);
            }
        }
        return texts;
    }
}
