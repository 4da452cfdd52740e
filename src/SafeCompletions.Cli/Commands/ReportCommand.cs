using System.ComponentModel;
using SafeCompletions.Cli.Infrastructure;
using SafeCompletions.Reports;
using SafeCompletions.Runs;
using SafeCompletions.Statistics;
using SafeCompletions.Storage.Sqlite;
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
        [Description("Where metrics.json, report.json and report.html go. Default ./safecomp-out/report.")]
        public string? Output { get; init; }

        [CommandOption("--human <FILE>")]
        [Description("A human evaluation of the same systems (the human.json of `safecomp human results`, or its directory): shown in report.html and report.json beside the automated figures.")]
        public string? Human { get; init; }

        public override ValidationResult Validate() =>
            Grades.Length == 0 ? ValidationResult.Error("report needs at least one --grades FILE") : base.Validate();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        // The temporary grouping goes in the output directory, which the user chose and which has room, rather than
        // /tmp, which is often a small tmpfs.
        var directory = settings.Output ?? Path.Combine("safecomp-out", "report");
        var human = await HumanBlocks.ReadAsync(settings.Human, cancellationToken);
        var (report, files) = await new GradeFilesReport(dir => new GradeGrouping(dir),
                new RunReportWriter(new RunDescription("report", SafecompApp.Version, [], settings.Grades), GraderCards.Known, human: human))
            .WriteAsync(settings.Grades, settings.Responses, directory, cancellationToken);
        MetricsTables.Write(console, report);
        console.MarkupLineInterpolated($"wrote {string.Join(", ", files.SkipLast(1))} and {files[^1]}");
        return ExitCodes.Success;
    }
}
