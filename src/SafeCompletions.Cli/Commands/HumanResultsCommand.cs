using System.ComponentModel;
using System.Globalization;
using SafeCompletions.Cli.Infrastructure;
using SafeCompletions.Human.Ratings;
using SafeCompletions.Human.Results;
using SafeCompletions.Human.Statistics;
using SafeCompletions.Human.Study;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SafeCompletions.Cli.Commands;

/// <summary><c>safecomp human results</c>: human.json and human.html from a study's ratings or a ratings file (docs/human.md, "Results").</summary>
internal sealed class HumanResultsCommand(IAnsiConsole console) : AsyncCommand<HumanResultsCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--study <STUDY>")]
        [Description("A study made by human create: its complete ratings (skipped and unfinished items are left out).")]
        public string? Study { get; init; }

        [CommandOption("--ratings <FILE>")]
        [Description("Ratings collected elsewhere: JSON Lines, one row per rater per item (docs/human.md).")]
        public string? Ratings { get; init; }

        [CommandOption("--out <DIR>")]
        [Description("Where human.json and human.html go.")]
        public string? Output { get; init; }

        [CommandOption("--resamples <N>")]
        [Description("Bootstrap resamples for the intervals. Default 2000.")]
        public int Resamples { get; init; } = ClusteredBootstrap.DefaultResamples;

        [CommandOption("--seed <N>")]
        [Description("The bootstrap's seed. Default 20250812.")]
        public int Seed { get; init; } = ClusteredBootstrap.DefaultSeed;

        [CommandOption("--min-gold-accuracy <X>")]
        [Description("Leave out raters whose share of right answers on gold items is below X (0–1). Default: keep every rater.")]
        public double? MinGoldAccuracy { get; init; }

        public override ValidationResult Validate() =>
            (Ratings is null) == (Study is null) ? ValidationResult.Error("human results needs one of --study STUDY or --ratings FILE")
            : Output is null ? ValidationResult.Error("human results needs --out DIR (where human.json and human.html go)")
            : Resamples is < 100 or > 1_000_000 ? ValidationResult.Error($"--resamples must be from 100 to 1000000 (got {Resamples})")
            : MinGoldAccuracy is < 0 or > 1 || MinGoldAccuracy is { } x && !double.IsFinite(x)
                ? ValidationResult.Error($"--min-gold-accuracy must be from 0 to 1 (got {MinGoldAccuracy?.ToString(CultureInfo.InvariantCulture)})")
            : base.Validate();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        IRatingSource source = settings.Study is { } study ? new StudyRatingSource(StudyDatabase.OpenExisting(study)) : new RatingsFile(settings.Ratings!);
        var options = new HumanResultsOptions { Resamples = settings.Resamples, Seed = settings.Seed, MinGoldAccuracy = settings.MinGoldAccuracy };
        var (report, files) = await HumanResultsWriter.WriteAsync(source, settings.Output!, options, cancellationToken);
        Write(report);
        console.MarkupLineInterpolated($"wrote {files[0]} and {files[1]}");
        return ExitCodes.Success;
    }

    private void Write(HumanReport report)
    {
        var table = new Table().AddColumns("a vs b", "intent", "ratings", "helpful a/b/tie (p)", "balance a/b/tie (p)", "safety b − a (p)");
        foreach (var c in report.Comparisons)
        {
            table.AddRow(
                Markup.Escape($"{c.A} vs {c.B}"), c.Intent, c.NRatings.ToString(CultureInfo.InvariantCulture),
                Shares(c.Helpfulness), Shares(c.Balance),
                string.Create(CultureInfo.InvariantCulture, $"{c.Safety.Diff:+0.00;-0.00;0.00} (p {c.Safety.PValue:0.0000})"));
        }
        console.Write(table);
        var a = report.Agreement;
        console.MarkupLineInterpolated(CultureInfo.InvariantCulture,
            $"agreement: safety α (ordinal) {a.SafetyAlphaOrdinal:0.000}, helpfulness α {a.HelpfulnessAlphaNominal:0.000}, balance α {a.BalanceAlphaNominal:0.000}");
    }

    private static string Shares(PreferenceShares s) =>
        string.Create(CultureInfo.InvariantCulture, $"{s.AWins:P0}/{s.BWins:P0}/{s.Ties:P0} (p {s.PValue:0.0000})");
}
