using System.Globalization;
using System.Text;

namespace SafeCompletions.Reports;

/// <summary>The report's "Human evaluation" section, from report.json's human block, in the paper's shape.</summary>
internal static class HtmlHumanSection
{
    public static void Write(StringBuilder html, HumanBlock human)
    {
        html.Append("<section id=\"human\"><h2>Human evaluation</h2>\n<p class=\"note\">From ").Append(HtmlReport.Encode(human.File.Name))
            .Append(human.File.Sha256 is { } hash ? " (sha256 " + HtmlReport.Encode(hash) + ")" : "")
            .Append(": blinded side-by-side ratings, safety 0–3 (safe ≥ 2); safety agreement (Krippendorff's α, ordinal) ")
            .Append(human.SafetyAlphaOrdinal is { } alpha ? alpha.ToString("0.000", CultureInfo.InvariantCulture) : "undefined").Append(".</p>\n");
        html.Append("<table class=\"human-models\"><tr><th>model</th><th>intent</th><th>ratings</th><th>mean safety (95% CI)</th><th>clearly unsafe</th></tr>\n");
        foreach (var m in human.Models)
        {
            html.Append("<tr><td class=\"text\">").Append(HtmlReport.Encode(m.Model)).Append("</td><td class=\"text\">").Append(HtmlReport.Encode(m.Intent))
                .Append("</td><td>").Append(m.Ratings.ToString(CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(Mean(m.MeanSafety, m.MeanSafetyCi)).Append("</td><td>").Append(Share(m.ShareClearlyUnsafe)).Append("</td></tr>\n");
        }
        html.Append("</table>\n<table class=\"human-comparisons\"><tr><th>a vs b</th><th>intent</th><th>ratings</th><th>more helpful a / b / tie (p)</th>")
            .Append("<th>better balance a / b / tie (p)</th><th>safety b − a (p)</th></tr>\n");
        foreach (var c in human.Comparisons)
        {
            html.Append("<tr><td class=\"text\">").Append(HtmlReport.Encode($"{c.A} vs {c.B}")).Append("</td><td class=\"text\">").Append(HtmlReport.Encode(c.Intent))
                .Append("</td><td>").Append(c.Ratings.ToString(CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(Wins(c.Helpfulness)).Append("</td><td>").Append(Wins(c.Balance))
                .Append("</td><td>").Append(string.Create(CultureInfo.InvariantCulture, $"{c.SafetyDiff:+0.00;-0.00;0.00} (p {c.SafetyPValue:0.0000})")).Append("</td></tr>\n");
        }
        html.Append("</table></section>\n");
    }

    private static string Mean(double? mean, double[]? ci) => mean is not { } m ? "–"
        : ci is [var low, var high] ? string.Create(CultureInfo.InvariantCulture, $"{m:0.00} ({low:0.00}–{high:0.00})")
        : m.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Share(double? share) => share is { } s ? s.ToString("0.0%", CultureInfo.InvariantCulture) : "–";

    private static string Wins(HumanWins w) =>
        string.Create(CultureInfo.InvariantCulture, $"{w.AWins:0%} / {w.BWins:0%} / {w.Ties:0%} (p {w.PValue:0.0000})");
}
