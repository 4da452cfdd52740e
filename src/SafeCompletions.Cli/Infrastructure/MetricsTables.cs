using SafeCompletions.Statistics;
using Spectre.Console;

namespace SafeCompletions.Cli.Infrastructure;

/// <summary>The console views of metrics.json: the paper's table, and the comparisons of every two models.</summary>
internal static class MetricsTables
{
    /// <summary>A row per intent; for each model its safety and helpfulness with their 95% intervals.</summary>
    public static void Write(IAnsiConsole console, MetricsReport report)
    {
        var table = new Table().AddColumn("intent");
        foreach (var model in report.Models.Keys)
        {
            table.AddColumn(new TableColumn(Markup.Escape($"{model}\nsafety [95% CI]")).RightAligned());
            table.AddColumn(new TableColumn(Markup.Escape($"{model}\nhelpfulness 1-4")).RightAligned());
        }
        foreach (var intent in MetricsCalculator.Intents)
        {
            var cells = new List<string> { intent };
            foreach (var blocks in report.Models.Values)
            {
                var block = blocks[intent];
                cells.Add(block.N == 0 ? "-" : $"{MetricFormat.Value(block.Safety)} {MetricFormat.Interval(block.SafetyCi)}" + (block.Unscored > 0 ? $" ({block.Unscored} unscored)" : ""));
                cells.Add(block.N == 0 ? "-" : $"{MetricFormat.Value(block.Helpfulness, "0.00")} {MetricFormat.Interval(block.HelpfulnessCi, "0.00")}");
            }
            table.AddRow(cells.Select(Markup.Escape).ToArray());
        }
        console.Write(table);

        if (!report.Comparisons.Any(c => c.Diff is not null))
        {
            return;
        }
        var comparisons = new Table().AddColumns("b - a", "intent", "metric", "diff", Markup.Escape("95% CI"), "p");
        foreach (var c in report.Comparisons.Where(c => c.Diff is not null))
        {
            string[] row = [$"{c.B} - {c.A}", c.Intent, c.Metric, MetricFormat.Value(c.Diff, MetricFormat.Signed), MetricFormat.Interval(c.Ci, MetricFormat.Signed), MetricFormat.Value(c.PValue, "0.0000")];
            comparisons.AddRow(row.Select(Markup.Escape).ToArray());
        }
        console.Write(comparisons);
    }


}
