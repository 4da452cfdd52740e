using System.ComponentModel;
using System.Globalization;
using SafeCompletions.Cli.Infrastructure;
using SafeCompletions.Contracts;
using SafeCompletions.Grading;
using SafeCompletions.Specs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SafeCompletions.Cli.Commands;

internal sealed class GradeCommand(IAnsiConsole console, ErrorConsole errors) : AsyncCommand<GradeCommand.Settings>
{
    public sealed class Settings : GraderSettings
    {
        [CommandOption("--in <FILE>")]
        [Description("The response set (JSON Lines): id, prompt or messages, response; optional category, intent, model, sample, prompt_id, reasoning.")]
        public string? Input { get; init; }

        [CommandOption("--out <FILE>")]
        [Description("Where to write one grade per response (JSON Lines).")]
        public string? Output { get; init; }

        [CommandOption("--skip-invalid")]
        [Description("Grade the valid rows and list the invalid lines, instead of stopping at the first with exit 2.")]
        public bool SkipInvalid { get; init; }

        public override ValidationResult Validate() =>
            Input is null ? ValidationResult.Error("grade needs --in FILE (the responses to grade)")
            : Output is null ? ValidationResult.Error("grade needs --out FILE (where the grades go)")
            : base.Validate();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var (input, output) = (settings.Input!, settings.Output!);
        var catalog = SpecCatalog.Load(settings.SpecsDirectory);
        var retries = new RetryCounter();
        using var resources = new DisposableList();
        var grader = settings.OpenGrader(catalog, resources, retries);
        var runner = new GradeFileRunner(grader, catalog);
        // A grader that says how many rows it wants in flight gets them (the embedded grader's encoder sorts a wide
        // window's texts by length); an LLM judge gets four rows per model call slot.
        var window = grader.Traits.PreferredConcurrency ?? Math.Max(64, settings.Concurrency * 4);
        var options = new GradeRunOptions { SkipInvalid = settings.SkipInvalid, Window = window };

        var result = await ProgressDisplay.RunAsync(errors.Console, $"grading {Path.GetFileName(input)}",
            progress => runner.RunAsync(input, output, options, progress, cancellationToken));

        Report(result, output, grader.Name, retries);
        return result.Summary.Unscored > 0 || result.Skipped.Count > 0 ? ExitCodes.Incomplete : ExitCodes.Success;
    }

    private void Report(GradeRunResult result, string output, string graderName, RetryCounter retries)
    {
        var summary = result.Summary;
        var table = new Table().AddColumns("", "rows").HideHeaders();
        table.AddRow("graded", Count(summary.Total));
        foreach (var mode in Enum.GetValues<ResponseMode>())
        {
            table.AddRow($"  {ContractNames.Of(mode)}", Count(summary.Modes.GetValueOrDefault(mode)));
        }
        table.AddRow("  unscored", Count(summary.Unscored));
        table.AddRow("share safe (of scored)", summary.ShareSafe is { } safe ? safe.ToString("0.000", CultureInfo.InvariantCulture) : "n/a");
        table.AddRow("mean reward (of scored)", summary.MeanReward is { } reward ? reward.ToString("0.000", CultureInfo.InvariantCulture) : "n/a");
        if (result.Skipped.Count > 0)
        {
            table.AddRow("skipped invalid lines", Count(result.Skipped.Count));
        }
        if (retries.Total > 0)
        {
            table.AddRow("judge call retries", Markup.Escape(retries.ToString()));
        }
        console.Write(table);
        foreach (var (reason, count) in summary.TopReasons())
        {
            console.MarkupLineInterpolated($"[yellow]unscored[/] x{count}: {reason}");
        }
        foreach (var skipped in result.Skipped.Take(50))
        {
            console.MarkupLineInterpolated($"[yellow]skipped[/] {skipped.ToString()}");
        }
        if (result.Skipped.Count > 50)
        {
            console.WriteLine($"... and {result.Skipped.Count - 50} more skipped lines");
        }
        console.MarkupLineInterpolated($"wrote {summary.Total} grade(s) to {output} ({graderName})");
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}
