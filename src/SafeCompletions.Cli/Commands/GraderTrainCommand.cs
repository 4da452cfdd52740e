using System.ComponentModel;
using System.Globalization;
using SafeCompletions.Cli.Infrastructure;
using SafeCompletions.Embedded.Encoding;
using SafeCompletions.Embedded.Features;
using SafeCompletions.Embedded.Training;
using SafeCompletions.Specs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SafeCompletions.Cli.Commands;

internal sealed class GraderTrainCommand(IAnsiConsole console) : AsyncCommand<GraderTrainCommand.Settings>
{
    public sealed class Settings : SpecsSettings
    {
        [CommandOption("--data <FILE>")]
        [Description("Labelled rows (JSON Lines: id, prompt or messages, response, label {compliance?, safe?}); repeat for several files.")]
        public string[] Data { get; init; } = [];

        [CommandOption("--out <FILE>")]
        [Description("Where to write the weights (JSON), with the record of the data and command that made them.")]
        public string? Output { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Data.Length == 0)
        {
            throw new UsageException("grader train needs at least one --data FILE of labelled rows");
        }
        var output = settings.Output ?? throw new UsageException("grader train needs --out FILE (where the weights go)");
        var catalog = SpecCatalog.Load(settings.SpecsDirectory);
        var rows = 0;
        foreach (var file in settings.Data)
        {
            rows += (await GraderTrainer.ReadAsync(file, cancellationToken)).Count;
        }
        rows += GraderTrainer.ExemplarRows(catalog).Count;

        using var encoder = new MiniLmTextEncoder();
        var trainer = new GraderTrainer(new PairFeatureExtractor(encoder));
        var command = "safecomp grader train " + string.Join(' ', settings.Data.Select(d => $"--data {Path.GetFileName(d)}"))
            + (settings.SpecsDirectory is null ? "" : " --specs DIR") + $" --out {Path.GetFileName(output)}";
        var weights = await ProgressDisplay.RunAsync(console, "encoding training rows", progress =>
            trainer.TrainAsync(settings.Data, catalog, command, new Relay(progress, rows), cancellationToken));
        weights.Save(output);

        var record = weights.Training;
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"trained on {record.Rows} rows ({record.ComplianceRows} with a compliance label, {record.SafetyRows} with a safety label) from {string.Join(", ", record.Data.Select(d => $"{d.File} ({d.Rows})"))} and {record.Specs.Count} specs' exemplars"));
        console.WriteLine($"wrote {output}");
        return ExitCodes.Success;
    }

    private sealed class Relay(IProgress<Grading.GradeProgress> progress, int total) : IProgress<int>
    {
        public void Report(int value) => progress.Report(new Grading.GradeProgress(value, total));
    }
}
