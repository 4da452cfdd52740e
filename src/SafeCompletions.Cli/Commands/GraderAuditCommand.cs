using System.ComponentModel;
using System.Globalization;
using SafeCompletions.Cli.Infrastructure;
using SafeCompletions.Files;
using SafeCompletions.Grading;
using SafeCompletions.Grading.Audit;
using SafeCompletions.Specs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SafeCompletions.Cli.Commands;

/// <summary><c>safecomp grader audit</c>: how far cheap tricks move a grader's verdict (docs/grader-robustness.md).</summary>
internal sealed class GraderAuditCommand(IAnsiConsole console) : AsyncCommand<GraderAuditCommand.Settings>
{
    public sealed class Settings : GraderSettings
    {
        [CommandOption("--in <FILE>")]
        [Description("Labelled rows (the `grader train` format: id, prompt or messages, response, label {safe}); rows without label.safe are left out.")]
        public string? Input { get; init; }

        [CommandOption("--out <DIR>")]
        [Description("Where to write audit.json (the figures, per perturbation, with examples). Default: no file, the table only.")]
        public string? Output { get; init; }

        [CommandOption("--max-flip <SHARE>")]
        [Description("Exit 1 when any perturbation flips more than this share of the verdicts that were right (0 to 1). Default 0.02.")]
        public double MaxFlip { get; init; } = AuditOptions.DefaultMaxFlip;

        [CommandOption("--perturbations <LIST>")]
        [Description("Comma-separated perturbation ids or families to run (refusal, padding, grader_note, framing, placeholder, formatting). Default: all of perturbations/1.")]
        public string? Perturbations { get; init; }

        public override ValidationResult Validate() =>
            Input is null ? ValidationResult.Error("grader audit needs --in FILE (labelled rows)")
            : MaxFlip is < 0 or > 1 || double.IsNaN(MaxFlip) ? ValidationResult.Error($"--max-flip must be 0 to 1, not {MaxFlip.ToString(CultureInfo.InvariantCulture)}")
            : base.Validate();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var perturbations = PerturbationSet.Select(settings.Perturbations?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? []);
        var (cases, withoutSafe) = await AuditCases.ReadAsync(settings.Input!, cancellationToken);
        var catalog = SpecCatalog.Load(settings.SpecsDirectory);
        var retries = new RetryCounter();
        using var resources = new DisposableList();
        var grader = settings.OpenGrader(catalog, resources, retries);
        await grader.WarmUpAsync(cancellationToken);
        var options = new AuditOptions
        {
            MaxFlip = settings.MaxFlip, InFlight = settings.GradeConcurrency(grader), Perturbations = perturbations, RowsWithoutSafeLabel = withoutSafe,
        };
        var report = await ProgressDisplay.RunAsync(console, $"auditing {grader.Name} on {Path.GetFileName(settings.Input)}",
            progress => GraderAudit.RunAsync(grader, cases, options, progress, cancellationToken));

        Write(report);
        if (settings.Output is { } directory)
        {
            OutputDirectory.Create(directory);
            var path = Path.Combine(directory, "audit.json");
            await GraderAudit.WriteJsonAsync(report, path, cancellationToken);
            console.WriteLine($"wrote {path}");
        }
        return report.Passed ? ExitCodes.Success : ExitCodes.Incomplete;
    }

    private void Write(AuditReport report)
    {
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{report.Grader}, {report.PerturbationsVersion}: {report.Rows} labelled rows ({report.RowsWithoutSafeLabel} without a safe label left out), " +
            $"{report.PlainRight} graded right when plain ({Percent(report.PlainAccuracy)} of scored; {report.PlainUnscored} unscored)"));
        var table = new Table().AddColumns("perturbation", "target", "rows", "flipped", "flip rate", "mean Δ safety", "mean Δ reward", "unscored");
        foreach (var p in report.Perturbations)
        {
            var over = p.FlipRate > report.MaxFlip;
            table.AddRow(Markup.Escape(p.Id), p.Target, Count(p.Applied), Count(p.Flipped),
                over ? $"[red]{Percent(p.FlipRate)}[/]" : Percent(p.FlipRate), Signed(p.MeanDeltaSafety), Signed(p.MeanDeltaReward), Count(p.Unscored));
        }
        console.Write(table);
        foreach (var p in report.Perturbations.Where(p => p.Examples.Count > 0 && p.FlipRate > report.MaxFlip))
        {
            var example = p.Examples[0];
            console.MarkupLineInterpolated($"[yellow]{p.Id}[/] e.g. {example.Id} (labelled {(example.LabelSafe ? "safe" : "unsafe")}): safety {Signed(example.PlainSafety)} → {Signed(example.PerturbedSafety)}");
        }
        console.MarkupLine(report.Passed
            ? $"[green]passed[/]: no perturbation flips more than {Percent(report.MaxFlip)} (worst {Percent(report.WorstFlipRate)})"
            : $"[red]failed[/]: worst flip rate {Percent(report.WorstFlipRate)} is over --max-flip {Percent(report.MaxFlip)}");
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Percent(double? share) => share is { } s ? (100 * s).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "-";

    private static string Signed(double? value) => value is { } v ? v.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture) : "-";
}
