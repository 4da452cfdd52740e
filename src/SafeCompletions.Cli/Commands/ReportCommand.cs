using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using SafeCompletions.Cli.Infrastructure;
using SafeCompletions.Contracts;
using SafeCompletions.Jsonl;
using SafeCompletions.Reporting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SafeCompletions.Cli.Commands;

internal sealed class ReportCommand(IAnsiConsole console) : AsyncCommand<ReportCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--grades <FILE>")]
        [Description("Grade files (JSON Lines) to report on; repeat for several. Rows are grouped by model, intent and prompt_id.")]
        public string[] Grades { get; init; } = [];

        [CommandOption("--out <DIR>")]
        [Description("Where metrics.json goes. Default ./safecomp-out/report.")]
        public string? Output { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Grades.Length == 0)
        {
            throw new UsageException("report needs at least one --grades FILE");
        }
        var calculator = new MetricsCalculator();
        foreach (var file in settings.Grades)
        {
            await foreach (var line in JsonlReader.ReadAsync(file, ContractJson.Default.GradeRow, cancellationToken: cancellationToken))
            {
                calculator.Add(line.Row ?? throw new InvalidInputException(line.Error!));
            }
        }
        var report = calculator.Compute();
        var directory = settings.Output ?? Path.Combine("safecomp-out", "report");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "metrics.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, ReportJson.Default.MetricsReport), cancellationToken);

        WriteTable(report);
        WriteComparisons(report);
        console.MarkupLineInterpolated($"wrote {path}");
        return ExitCodes.Success;
    }

    /// <summary>The paper's table: a row per intent, each model's safety and helpfulness.</summary>
    private void WriteTable(MetricsReport report)
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
                cells.Add(block.N == 0 ? "-" : $"{Value(block.Safety)} {Interval(block.SafetyCi)}" + (block.Unscored > 0 ? $" ({block.Unscored} unscored)" : ""));
                cells.Add(block.N == 0 ? "-" : $"{Value(block.Helpfulness, "0.00")} {Interval(block.HelpfulnessCi, "0.00")}");
            }
            table.AddRow(cells.Select(Markup.Escape).ToArray());
        }
        console.Write(table);
    }

    private void WriteComparisons(MetricsReport report)
    {
        if (report.Comparisons.Count == 0)
        {
            return;
        }
        var table = new Table().AddColumns("b - a", "intent", "metric", "diff", Markup.Escape("95% CI"), "p");
        foreach (var c in report.Comparisons.Where(c => c.Diff is not null))
        {
            string[] cells = [$"{c.B} - {c.A}", c.Intent, c.Metric, Value(c.Diff, "+0.000;-0.000;0.000"), Interval(c.Ci, "+0.000;-0.000;0.000"), Value(c.PValue, "0.0000")];
            table.AddRow(cells.Select(Markup.Escape).ToArray());
        }
        console.Write(table);
    }

    private static string Value(double? value, string format = "0.000") =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "n/a";

    private static string Interval(double[]? ci, string format = "0.000") =>
        ci is [var low, var high] ? $"[{low.ToString(format, CultureInfo.InvariantCulture)}, {high.ToString(format, CultureInfo.InvariantCulture)}]" : "";
}
