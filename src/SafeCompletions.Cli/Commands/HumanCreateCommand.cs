using System.ComponentModel;
using SafeCompletions.Cli.Infrastructure;
using SafeCompletions.Human.Statistics;
using SafeCompletions.Human.Study;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SafeCompletions.Cli.Commands;

/// <summary><c>safecomp human create</c>: designs a blinded side-by-side study into STUDY/study.db and STUDY/invites.csv (docs/human.md).</summary>
internal sealed class HumanCreateCommand(IAnsiConsole console) : AsyncCommand<HumanCreateCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--responses <FILE>")]
        [Description("A response file (JSON Lines, one system's responses); give two or more. A system's name is its rows' 'model', else the file's name.")]
        public string[] Responses { get; init; } = [];

        [CommandOption("--raters <N>")]
        [Description("How many raters (each gets one secret token). Default 5.")]
        public int Raters { get; init; } = 5;

        [CommandOption("--per-item <K>")]
        [Description("How many distinct raters see each item (the paper: 3 to 5). Default 3.")]
        public int PerItem { get; init; } = 3;

        [CommandOption("--gold <FILE>")]
        [Description("Gold (attention-check) items with known answers, JSON Lines {id, prompt, a, b, safety_a?, safety_b?, helpful?, balance?}; every rater gets each.")]
        public string? Gold { get; init; }

        [CommandOption("--pairs <A:B>")]
        [Description("Compare only these pairs of systems (repeat); default every pair.")]
        public string[] Pairs { get; init; } = [];

        [CommandOption("--seed <N>")]
        [Description("The seed of the item order and the left/right draws. Default 20250812.")]
        public int Seed { get; init; } = ClusteredBootstrap.DefaultSeed;

        [CommandOption("--out <STUDY>")]
        [Description("The study directory to create (study.db, invites.csv); it must not hold a study already.")]
        public string? Output { get; init; }

        public override ValidationResult Validate() =>
            Responses.Length == 0 ? ValidationResult.Error("human create needs --responses FILE (repeat it: one file per system, or one file holding several models)")
            : Output is null ? ValidationResult.Error("human create needs --out STUDY (the study directory to create)")
            : PerItem is < StudyDesigner.MinPerItem or > StudyDesigner.MaxPerItem ? ValidationResult.Error($"--per-item must be from {StudyDesigner.MinPerItem} to {StudyDesigner.MaxPerItem} (got {PerItem})")
            : Raters < PerItem || Raters > 10_000 ? ValidationResult.Error($"--raters must be from --per-item ({PerItem}) to 10000: each item needs {PerItem} distinct raters (got {Raters})")
            : Pairs.FirstOrDefault(p => p.Split(':') is not [{ Length: > 0 } a, { Length: > 0 } b] || a == b) is { } bad
                ? ValidationResult.Error($"--pairs expects A:B naming two different systems, not '{bad}'")
            : base.Validate();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var systems = await StudyInputs.ReadSystemsAsync(settings.Responses, cancellationToken);
        var names = systems.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var pairs = settings.Pairs.Length == 0 ? null : settings.Pairs.Select(p => p.Split(':')).Select(p => (p[0], p[1])).ToList();
        if (pairs?.SelectMany(p => new[] { p.Item1, p.Item2 }).FirstOrDefault(n => !names.Contains(n)) is { } unknown)
        {
            throw new UsageException($"--pairs names '{unknown}', which no --responses file holds; the systems are {string.Join(", ", names.Order(StringComparer.Ordinal))}");
        }
        var gold = await StudyInputs.ReadGoldAsync(settings.Gold, cancellationToken);
        StudyPlan plan;
        try
        {
            plan = StudyDesigner.Design(systems, pairs, settings.Raters, settings.PerItem, gold, settings.Seed);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException(ex.Message.Split(" (Parameter")[0]);
        }
        StudyDatabase.Create(settings.Output!, plan);
        var compared = plan.Items.Count(i => i.Gold is null);
        console.MarkupLineInterpolated($"study: {compared} items ({string.Join(", ", plan.Items.Where(i => i.Gold is null).Select(i => $"{i.ModelA} vs {i.ModelB}").Distinct())}), {gold.Count} gold, {settings.Raters} raters, {settings.PerItem} per item");
        console.MarkupLineInterpolated($"wrote {Path.Combine(settings.Output!, StudyDatabase.FileName)} and {Path.Combine(settings.Output!, StudyDatabase.InvitesFile)} (secret: send each rater only their own link)");
        return ExitCodes.Success;
    }
}
