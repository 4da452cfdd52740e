using SafeCompletions.Contracts;
using SafeCompletions.Statistics;

namespace SafeCompletions.Reports;

/// <summary>The report writer of eval and report: metrics.json and the self-contained report.html with the rows to review and their texts.</summary>
public sealed class RunReportWriter : IReportWriter
{
    public const string FileName = "report.html";

    /// <inheritdoc/>
    public async Task<IReadOnlyList<string>> WriteAsync(
        string directory, MetricsReport metrics, ReviewRows review,
        Func<IReadOnlyList<GradeRow>, CancellationToken, Task<IReadOnlyDictionary<string, ResponseRow>>> responses,
        CancellationToken cancellationToken = default)
    {
        var metricsPath = await MetricsJson.WriteAsync(directory, metrics, cancellationToken).ConfigureAwait(false);
        var texts = review.All.Count == 0 ? new Dictionary<string, ResponseRow>() : await responses(review.All, cancellationToken).ConfigureAwait(false);
        DrillDownRow With(GradeRow g) => texts.TryGetValue(g.Id, out var row)
            ? new DrillDownRow(g, string.Join("\n", row.Conversation().Select(t => t.Content)), row.Response)
            : new DrillDownRow(g, null, null);
        var path = Path.Combine(directory, FileName);
        HtmlReport.Write(path, metrics, [.. review.SevereUnsafe.Select(With)], [.. review.BenignRefusals.Select(With)]);
        return [metricsPath, path];
    }
}
