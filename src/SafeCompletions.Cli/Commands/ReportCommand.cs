using System.ComponentModel;
using System.Text.Json;
using SafeCompletions.Cli.Infrastructure;
using SafeCompletions.Contracts;
using SafeCompletions.Jsonl;
using SafeCompletions.Statistics;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SafeCompletions.Cli.Commands;

internal sealed class ReportCommand(IAnsiConsole console) : AsyncCommand<ReportCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--grades <FILE>")]
        [Description("Grade files (JSON Lines) to report on; repeat for several. Rows may come in any order; they are grouped by model, intent and prompt_id.")]
        public string[] Grades { get; init; } = [];

        [CommandOption("--responses <FILE>")]
        [Description("The responses the grades are of, so report.html can show the prompt and response of the rows to review.")]
        public string? Responses { get; init; }

        [CommandOption("--out <DIR>")]
        [Description("Where metrics.json and report.html go. Default ./safecomp-out/report.")]
        public string? Output { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Grades.Length == 0)
        {
            throw new UsageException("report needs at least one --grades FILE");
        }
        // The files' rows come in any order (often one file per model); the statistics need each prompt's rows
        // together, so they are grouped through a temporary file rather than held in memory. The file goes in the output
        // directory, which the user chose and which has room, rather than /tmp, which is often a small tmpfs.
        var directory = settings.Output ?? Path.Combine("safecomp-out", "report");
        Directory.CreateDirectory(directory);
        var calculator = new MetricsCalculator();
        using (var grouping = new GradeGrouping(directory))
        {
            foreach (var file in settings.Grades)
            {
                await foreach (var line in JsonlReader.ReadAsync(file, ContractJson.Default.GradeRow, cancellationToken: cancellationToken))
                {
                    grouping.Add(line.Row ?? throw new InvalidInputException(line.Error!));
                }
            }
            grouping.AddTo(calculator);
        }
        var report = calculator.Compute();
        var path = Path.Combine(directory, "metrics.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, ReportJson.Default.MetricsReport), cancellationToken);

        var html = await Reports.RunReport.WriteAsync(directory, report, settings.Grades, settings.Responses, cancellationToken);
        MetricsTables.Write(console, report);
        console.MarkupLineInterpolated($"wrote {path} and {html}");
        return ExitCodes.Success;
    }
}
