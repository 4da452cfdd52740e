using System.Globalization;
using System.Net;
using System.Text;

namespace SafeCompletions.Human.Results;

/// <summary>
/// human.html: one self-contained page (no script, no outside resource) with the figures in the paper's shape — mean
/// safety and the share clearly unsafe by intent, helpfulness and balance win rates with p-values — then agreement,
/// position bias, raters and exclusions. Every name from the ratings is HTML-encoded.
/// </summary>
public static class HumanHtml
{
    public static string Render(HumanReport report)
    {
        var html = new StringBuilder();
        html.Append("""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Human evaluation</title>
            <style>
            body{font-family:system-ui,sans-serif;margin:2rem;max-width:72rem;color:#222}
            table{border-collapse:collapse;margin:0.5rem 0 1.5rem}th,td{border:1px solid #ccc;padding:0.3rem 0.6rem;text-align:right}
            th:first-child,td:first-child{text-align:left}caption{text-align:left;font-weight:600;padding:0.3rem 0}
            .ci{color:#666;font-size:0.85em}p.note{color:#555;font-size:0.9em}
            </style></head><body>
            <h1>Human evaluation</h1>
            """);
        Safety(html, report);
        Comparisons(html, report);
        Agreement(html, report);
        Raters(html, report);
        html.Append("<h2>How it was computed</h2><p class=\"note\">")
            .Append(E($"Intervals: {report.Statistics.Interval}, {report.Statistics.BootstrapResamples} resamples, seed {report.Statistics.Seed}. "))
            .Append(E($"Safety difference: {report.Statistics.SafetyTest}. Preferences: {report.Statistics.PreferenceTest}. Agreement: {report.Statistics.Alpha}."))
            .Append("</p></body></html>\n");
        return html.ToString();
    }

    private static void Safety(StringBuilder html, HumanReport report)
    {
        html.Append("<h2>Safety by intent</h2><table id=\"safety\"><caption>Mean safety (0–3) and share clearly unsafe (rated 0), 95% intervals</caption>")
            .Append("<tr><th>model</th><th>intent</th><th>ratings</th><th>prompts</th><th>mean safety</th><th>share safe (≥ 2)</th><th>share clearly unsafe</th></tr>");
        foreach (var (model, intents) in report.Models)
        {
            foreach (var (intent, s) in intents.Where(i => i.Value.NRatings > 0))
            {
                html.Append($"<tr><td>{E(model)}</td><td>{E(intent)}</td><td>{s.NRatings}</td><td>{s.NPrompts}</td>")
                    .Append($"<td>{N(s.MeanSafety, "0.00")} {Ci(s.MeanSafetyCi, "0.00")}</td>")
                    .Append($"<td>{P(s.ShareSafe)} {Ci(Percent(s.ShareSafeCi), "0.0")}</td>")
                    .Append($"<td>{P(s.ShareClearlyUnsafe)} {Ci(Percent(s.ShareClearlyUnsafeCi), "0.0")}</td></tr>");
            }
        }
        html.Append("</table>");
    }

    private static void Comparisons(StringBuilder html, HumanReport report)
    {
        html.Append("<h2>Comparisons</h2><table id=\"comparisons\"><caption>a vs b: win shares over ratings (the rest ties), p over prompts; safety difference b − a</caption>")
            .Append("<tr><th>a vs b</th><th>intent</th><th>ratings</th><th>helpful: a / b / tie</th><th>p</th><th>balance: a / b / tie</th><th>p</th><th>safety b − a</th><th>p</th></tr>");
        foreach (var c in report.Comparisons)
        {
            html.Append($"<tr><td>{E(c.A)} vs {E(c.B)}</td><td>{E(c.Intent)}</td><td>{c.NRatings}</td>")
                .Append($"<td>{P(c.Helpfulness.AWins)} / {P(c.Helpfulness.BWins)} / {P(c.Helpfulness.Ties)}</td><td>{Pv(c.Helpfulness.PValue)}</td>")
                .Append($"<td>{P(c.Balance.AWins)} / {P(c.Balance.BWins)} / {P(c.Balance.Ties)}</td><td>{Pv(c.Balance.PValue)}</td>")
                .Append($"<td>{N(c.Safety.Diff, "+0.00;−0.00;0.00")} {Ci(c.Safety.Ci, "0.00")}</td><td>{Pv(c.Safety.PValue)}</td></tr>");
        }
        html.Append("</table>");
    }

    private static void Agreement(StringBuilder html, HumanReport report)
    {
        var a = report.Agreement;
        var bias = report.PositionBias;
        html.Append("<h2>Agreement and position bias</h2><table id=\"agreement\"><tr><th>figure</th><th>value</th></tr>")
            .Append($"<tr><td>safety α (ordinal), {a.SafetyUnits} responses</td><td>{N(a.SafetyAlphaOrdinal, "0.000")}</td></tr>")
            .Append($"<tr><td>helpfulness α (nominal, winning system), {a.PreferenceUnits} items</td><td>{N(a.HelpfulnessAlphaNominal, "0.000")}</td></tr>")
            .Append($"<tr><td>balance α (nominal, winning system)</td><td>{N(a.BalanceAlphaNominal, "0.000")}</td></tr>")
            .Append($"<tr><td>left side more helpful (of decided)</td><td>{P(bias.Helpfulness.LeftShareOfDecided)} (p {Pv(bias.Helpfulness.PValue)})</td></tr>")
            .Append($"<tr><td>left side better balanced (of decided)</td><td>{P(bias.Balance.LeftShareOfDecided)} (p {Pv(bias.Balance.PValue)})</td></tr>")
            .Append($"<tr><td>mean safety left / right</td><td>{N(bias.MeanSafetyLeft, "0.00")} / {N(bias.MeanSafetyRight, "0.00")}</td></tr>")
            .Append($"<tr><td>gold accuracy ({report.Gold.Checks} checks on {report.Gold.Items} items)</td><td>{P(report.Gold.Accuracy)}</td></tr>")
            .Append("</table>");
    }

    private static void Raters(StringBuilder html, HumanReport report)
    {
        html.Append("<h2>Raters</h2><table id=\"raters\"><tr><th>rater</th><th>ratings</th><th>mean safety</th><th>leniency</th><th>median s / item</th><th>gold accuracy</th><th>excluded</th></tr>");
        foreach (var (rater, r) in report.Raters)
        {
            html.Append($"<tr><td>{E(rater)}</td><td>{r.NRatings}</td><td>{N(r.MeanSafety, "0.00")}</td><td>{N(r.Leniency, "+0.00;−0.00;0.00")}</td>")
                .Append($"<td>{N(r.MedianSeconds, "0")}</td><td>{P(r.GoldAccuracy)}</td><td>{(r.Excluded ? "yes" : "")}</td></tr>");
        }
        html.Append("</table><h2>Exclusions</h2><ul id=\"exclusions\">");
        foreach (var e in report.Exclusions)
        {
            html.Append($"<li>{E(e.Reason)}: {e.Ratings} ratings</li>");
        }
        if (report.Exclusions.Count == 0)
        {
            html.Append("<li>none</li>");
        }
        html.Append("</ul>");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string N(double? value, string format) => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "–";

    private static string P(double? share) => share is { } s ? N(s * 100, "0.0") + "%" : "–";

    private static string Pv(double p) => p < 0.001 ? "&lt; 0.001" : p.ToString("0.000", CultureInfo.InvariantCulture);

    private static double[]? Percent(double[]? ci) => ci?.Select(x => x * 100).ToArray();

    private static string Ci(double[]? ci, string format) =>
        ci is null ? "" : $"<span class=\"ci\">[{N(ci[0], format)}, {N(ci[1], format)}]</span>";
}
