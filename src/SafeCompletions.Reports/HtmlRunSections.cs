using System.Globalization;
using System.Text;
using SafeCompletions.Grading;

namespace SafeCompletions.Reports;

/// <summary>The report's first sections, from report.json: how the run was made, and how accurate its graders were measured to be.</summary>
internal static class HtmlRunSections
{
    public static void Metadata(StringBuilder html, RunMetadata run)
    {
        html.Append("<section id=\"run\"><h2>Run</h2><table class=\"facts\">\n");
        Row(html, "command", run.Command);
        Row(html, "tool version", run.ToolVersion);
        Row(html, "date (UTC)", run.Date);
        Row(html, "prompts", Number(run.Prompts));
        Row(html, "samples per prompt", (run.SamplesPerPrompt is { } k ? Number(k) : "not recorded in the grades")
            + (run.SamplesRequested is { } asked ? $" ({Number(asked)} requested)" : ""));
        Row(html, "prompt set", run.PromptSets.Count == 0 ? "not known (the grades were read from files)" : Files(run.PromptSets));
        if (run.GradeFiles.Count > 0)
        {
            Row(html, "grade files", Files(run.GradeFiles));
        }
        Row(html, "grader", Counted(run.Graders));
        Row(html, "specs", run.Specs.Count == 0 ? "none (no scored row)" : Counted(run.Specs));
        html.Append("</table></section>\n");
    }

    public static void GraderAccuracy(StringBuilder html, IReadOnlyList<GraderAccuracyNote> notes)
    {
        html.Append("<section id=\"grader-accuracy\"><h2>Grader accuracy</h2>\n");
        foreach (var note in notes)
        {
            if (note.Card is not { } card)
            {
                html.Append("<p class=\"warning not-measured\">").Append(HtmlReport.Encode(note.Grader))
                    .Append(": accuracy not measured. No labelled set has been graded by this grader (or these weights), so its verdicts, and every figure above them, are unverified.</p>\n");
                continue;
            }
            html.Append("<p class=\"measured\"><b>").Append(HtmlReport.Encode(card.Grader)).Append("</b>, measured ").Append(HtmlReport.Encode(card.Measured))
                .Append(": ").Append(HtmlReport.Encode(card.Method)).Append(".</p>\n")
                .Append("<table class=\"card\"><tr><th>set</th><th>task</th><th>agreed</th><th>accuracy</th><th>mean over splits</th></tr>\n");
            foreach (var figure in card.Figures)
            {
                html.Append("<tr><td class=\"text\">").Append(HtmlReport.Encode(figure.Set)).Append("</td><td class=\"text\">").Append(HtmlReport.Encode(figure.Task))
                    .Append("</td><td>").Append(Number(figure.Agreed)).Append(" of ").Append(Number(figure.Rows))
                    .Append("</td><td>").Append(Percent(figure.Accuracy)).Append("</td><td>").Append(figure.MeanOverSplits is { } mean ? Percent(mean) : "")
                    .Append("</td></tr>\n");
            }
            html.Append("</table><p class=\"note\">Source: ").Append(HtmlReport.Encode(card.Source)).Append(". The grader's errors are in every figure of this report.</p>\n");
        }
        html.Append("</section>\n");
    }

    private static void Row(StringBuilder html, string name, string value) =>
        html.Append("<tr><th>").Append(HtmlReport.Encode(name)).Append("</th><td class=\"text\">").Append(HtmlReport.Encode(value)).Append("</td></tr>\n");

    private static string Files(IEnumerable<Statistics.InputFile> files) =>
        string.Join("\n", files.Select(f => f.Sha256 is { } hash ? $"{f.Name} (sha256 {hash})" : f.Name));

    private static string Counted(IEnumerable<Statistics.NamedCount> names) =>
        string.Join("\n", names.Select(n => $"{n.Name} ({Number(n.Rows)} rows)"));

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Percent(double share) => share.ToString("0.0%", CultureInfo.InvariantCulture);
}
