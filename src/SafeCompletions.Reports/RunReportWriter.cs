using System.Text.Json;
using SafeCompletions.Contracts;
using SafeCompletions.Files;
using SafeCompletions.Grading;
using SafeCompletions.Statistics;

namespace SafeCompletions.Reports;

/// <summary>
/// The report writer of eval and report: metrics.json, report.json (the run's metadata and its graders' measured
/// accuracy) and the self-contained report.html with the rows to review and their texts.
/// </summary>
/// <param name="run">What the command knows of its run.</param>
/// <param name="cards">The graders whose accuracy was measured; a grader of the grades without a card is reported as not measured.</param>
/// <param name="clock">The report's date (tests fix it).</param>
/// <param name="human">A human evaluation's figures to show beside the automated ones (<c>report --human</c>), or null.</param>
public sealed class RunReportWriter(RunDescription run, IReadOnlyList<GraderCard> cards, TimeProvider? clock = null, HumanBlock? human = null) : IReportWriter
{
    public const string FileName = "report.html";
    public const string JsonFileName = "report.json";

    // Names such as "embedded/1+sha256:…" stay readable ('+' is not written as \u002B): the file is never inlined into HTML.
    private static readonly RunReportJson ReadableJson = new(new JsonSerializerOptions(RunReportJson.Default.Options)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <inheritdoc/>
    public async Task<IReadOnlyList<string>> WriteAsync(
        string directory, MetricsReport metrics, ReportRows rows,
        Func<IReadOnlyList<GradeRow>, CancellationToken, Task<IReadOnlyDictionary<string, ResponseRow>>> responses,
        CancellationToken cancellationToken = default)
    {
        var metricsPath = await MetricsJson.WriteAsync(directory, metrics, cancellationToken).ConfigureAwait(false);
        var report = RunReportBuilder.Build(run, metrics, rows, cards, (clock ?? TimeProvider.System).GetUtcNow(), human);
        var jsonPath = Path.Combine(directory, JsonFileName);
        await AtomicFile.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(report, ReadableJson.RunReport), cancellationToken).ConfigureAwait(false);
        var review = rows.Review;
        var texts = review.All.Count == 0 ? new Dictionary<string, ResponseRow>() : await responses(review.All, cancellationToken).ConfigureAwait(false);
        DrillDownRow With(GradeRow g) => texts.TryGetValue(g.Id, out var row)
            ? new DrillDownRow(g, string.Join("\n", row.Conversation().Select(t => t.Content)), row.Response)
            : new DrillDownRow(g, null, null);
        var path = Path.Combine(directory, FileName);
        HtmlReport.Write(path, metrics, report, [.. review.SevereUnsafe.Select(With)], [.. review.BenignRefusals.Select(With)]);
        return [metricsPath, jsonPath, path];
    }
}
