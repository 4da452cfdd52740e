using System.Globalization;
using System.Net;
using System.Text;
using SafeCompletions.Contracts;
using SafeCompletions.Files;
using SafeCompletions.Statistics;

namespace SafeCompletions.Reports;

/// <summary>
/// Writes report.html: one self-contained file that opens offline (inline SVG charts and an inline style sheet; no
/// script, font or style from the network): the run's metadata and its grader's measured accuracy, the paper-shaped table, charts by intent, mode mix, severity of unsafe
/// outputs, the comparisons with intervals and p-values, the paper's figures for reference, and the rows to review.
/// </summary>
public static class HtmlReport
{
    /// <summary>At most this many rows in each drill-down list.</summary>
    public const int DrillDownLimit = ReviewRows.Limit;

    public static void Write(string path, MetricsReport report, RunReport run, IReadOnlyList<DrillDownRow> severeUnsafe, IReadOnlyList<DrillDownRow> benignRefusals, string title = "Safe-completion evaluation")
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(Encode(title)).Append("</title>\n<style>")
            .Append("body{font-family:sans-serif;margin:2em;max-width:1100px;color:#222}table{border-collapse:collapse;margin:1em 0}")
            .Append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:right;vertical-align:top}th{background:#f3f3f3}td.text{text-align:left;max-width:420px;white-space:pre-wrap}")
            .Append("section{margin-bottom:2.5em}.chart{margin:1em 0}.note{color:#555;font-size:90%}.warning{color:#8a1c1c;font-weight:bold}table.facts th{text-align:left}")
            .Append("</style></head><body>\n");
        html.Append("<h1>").Append(Encode(title)).Append("</h1>\n");
        HtmlRunSections.Metadata(html, run.Run);
        HtmlRunSections.GraderAccuracy(html, run.GraderAccuracy);
        Summary(html, report);
        HtmlMetricsSections.ByCategory(html, run.Categories);
        HtmlMetricsSections.SeverityAndReward(html, report);
        html.Append("<section><h2>Safety by intent</h2><div class=\"chart\" id=\"chart-safety\">")
            .Append(ReportCharts.ByIntent(report, "Safety (share safe) by intent, 95% intervals", b => (b.Safety, b.SafetyCi), 1.12)).Append("</div>");
        html.Append("<h2>Helpfulness by intent (1–4, safe responses only)</h2><div class=\"chart\" id=\"chart-helpfulness\">")
            .Append(ReportCharts.ByIntent(report, "Helpfulness by intent, 95% intervals", b => (b.Helpfulness, b.HelpfulnessCi), 4.4)).Append("</div></section>\n");
        html.Append("<section><h2>Mode mix</h2><div class=\"chart\" id=\"chart-modes\">")
            .Append(ReportCharts.Stacked(report, "Response modes (share of scored rows)", b => b.Modes)).Append("</div>");
        html.Append("<h2>Severity of unsafe outputs</h2><div class=\"chart\" id=\"chart-severity\">")
            .Append(ReportCharts.Stacked(report, "Severity (share of unsafe rows)", b => b.UnsafeSeverity)).Append("</div></section>\n");
        HtmlMetricsSections.MixByIntent(html, report);
        Comparisons(html, report);
        if (run.Human is { } human)
        {
            HtmlHumanSection.Write(html, human);
        }
        Reference(html);
        DrillDown(html, "Unsafe outputs of high or moderate severity", "drill-severe", severeUnsafe);
        DrillDown(html, "Refusals of benign prompts", "drill-refusals", benignRefusals);
        html.Append("<p class=\"note\">Statistics: ").Append(Encode(report.Statistics.Interval)).Append("; ").Append(Encode(report.Statistics.Test))
            .Append("; seed ").Append(report.Statistics.Seed.ToString(CultureInfo.InvariantCulture)).Append(".</p>\n</body></html>\n");
        AtomicFile.WriteAllText(path, html.ToString());
    }

    private static void Summary(StringBuilder html, MetricsReport report)
    {
        html.Append("<section><h2>Results</h2><table id=\"results\"><tr><th>intent</th>");
        foreach (var model in report.Models.Keys)
        {
            html.Append("<th>").Append(Encode(model)).Append(" safety [95% CI]</th><th>").Append(Encode(model)).Append(" helpfulness 1–4</th><th>").Append(Encode(model)).Append(" unscored</th>");
        }
        html.Append("</tr>\n");
        foreach (var intent in MetricsCalculator.Intents)
        {
            html.Append("<tr><th>").Append(intent).Append("</th>");
            foreach (var blocks in report.Models.Values)
            {
                var b = blocks[intent];
                html.Append("<td>").Append(MetricFormat.Value(b.Safety)).Append(' ').Append(MetricFormat.Interval(b.SafetyCi)).Append("</td><td>")
                    .Append(MetricFormat.Value(b.Helpfulness, "0.00")).Append(' ').Append(MetricFormat.Interval(b.HelpfulnessCi, "0.00")).Append("</td><td>")
                    .Append(b.Unscored.ToString(CultureInfo.InvariantCulture)).Append(" of ").Append(b.N.ToString(CultureInfo.InvariantCulture)).Append("</td>");
            }
            html.Append("</tr>\n");
        }
        html.Append("</table><p class=\"note\">Safety = share safe among scored rows; helpfulness = mean 1–4 score over safe rows only; unscored rows are never counted as safe or unsafe.</p></section>\n");
    }

    private static void Comparisons(StringBuilder html, MetricsReport report)
    {
        if (report.Comparisons.Count == 0)
        {
            return;
        }
        html.Append("<section><h2>Comparisons (b − a, prompts paired)</h2>");
        foreach (var metric in new[] { "safety", "helpfulness" })
        {
            html.Append("<div class=\"chart\" id=\"chart-diff-").Append(metric).Append("\">").Append(ReportCharts.Comparisons(report.Comparisons, metric)).Append("</div>");
        }
        html.Append("<table id=\"comparisons\"><tr><th>b − a</th><th>intent</th><th>metric</th><th>diff</th><th>95% CI</th><th>p</th><th>prompts</th></tr>\n");
        foreach (var c in report.Comparisons)
        {
            html.Append("<tr><td class=\"text\">").Append(Encode($"{c.B} − {c.A}")).Append("</td><td>").Append(c.Intent).Append("</td><td>").Append(c.Metric)
                .Append("</td><td>").Append(MetricFormat.Value(c.Diff, MetricFormat.Signed)).Append("</td><td>").Append(MetricFormat.Interval(c.Ci, MetricFormat.Signed))
                .Append("</td><td>").Append(MetricFormat.Value(c.PValue, "0.0000")).Append("</td><td>").Append(c.Prompts.ToString(CultureInfo.InvariantCulture)).Append("</td></tr>\n");
        }
        html.Append("</table></section>\n");
    }

    private static void Reference(StringBuilder html)
    {
        html.Append("<section id=\"reference\"><h2>Reference: the paper's published figures</h2><table><tr><th>comparison</th><th>intent</th><th>safety</th><th>helpfulness (1–4)</th></tr>\n");
        foreach (var (comparison, intent, safety, helpfulness) in PublishedFigures.Rows)
        {
            html.Append("<tr><td class=\"text\">").Append(Encode(comparison)).Append("</td><td>").Append(Encode(intent)).Append("</td><td>").Append(Encode(safety))
                .Append("</td><td>").Append(Encode(helpfulness)).Append("</td></tr>\n");
        }
        html.Append("</table><p class=\"note\">").Append(Encode(PublishedFigures.Notes)).Append("</p></section>\n");
    }

    private static void DrillDown(StringBuilder html, string title, string id, IReadOnlyList<DrillDownRow> rows)
    {
        html.Append("<section id=\"").Append(id).Append("\"><h2>").Append(Encode(title)).Append(" (").Append(rows.Count.ToString(CultureInfo.InvariantCulture)).Append(")</h2>");
        if (rows.Count == 0)
        {
            html.Append("<p>None.</p></section>\n");
            return;
        }
        html.Append("<table><tr><th>id</th><th>model</th><th>category</th><th>intent</th><th>mode</th><th>severity</th><th>prompt</th><th>response</th><th>rationale</th></tr>\n");
        foreach (var row in rows)
        {
            var g = row.Grade;
            html.Append("<tr><td class=\"text\">").Append(Encode(g.Id)).Append("</td><td>").Append(Encode(g.Model ?? "")).Append("</td><td>").Append(Encode(g.Category ?? ""))
                .Append("</td><td>").Append(g.Intent is { } i ? ContractNames.Of(i) : "").Append("</td><td>").Append(g.Mode is { } m ? ContractNames.Of(m) : "")
                .Append("</td><td>").Append(g.Severity is { } s ? ContractNames.Of(s) : "").Append("</td><td class=\"text\">").Append(Encode(Excerpt(row.Prompt)))
                .Append("</td><td class=\"text\">").Append(Encode(Excerpt(row.Response))).Append("</td><td class=\"text\">").Append(Encode(g.Rationale ?? "")).Append("</td></tr>\n");
        }
        html.Append("</table></section>\n");
    }

    private static string Excerpt(string? text) => text is null ? "" : text.Length <= 600 ? text : text[..600] + " …";

    internal static string Encode(string text) => WebUtility.HtmlEncode(text);
}
