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

        [CommandOption("--word-weight <W>")]
        [Description("How loudly the word block (tf-idf of the response) speaks next to the encoder features; 0 leaves it out. Default 15.")]
        public double WordWeight { get; init; } = Lexicon.DefaultWeight;

        [CommandOption("--min-documents <N>")]
        [Description("A word joins the vocabulary when at least N training responses contain it. Default 2.")]
        public int MinDocuments { get; init; } = Lexicon.DefaultMinDocuments;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Data.Length == 0)
        {
            throw new UsageException("grader train needs at least one --data FILE of labelled rows");
        }
        var output = settings.Output ?? throw new UsageException("grader train needs --out FILE (where the weights go)");
        if (settings.WordWeight < 0 || !double.IsFinite(settings.WordWeight))
        {
            throw new UsageException($"--word-weight must be 0 or more (got {settings.WordWeight.ToString(CultureInfo.InvariantCulture)})");
        }
        if (settings.MinDocuments < 1)
        {
            throw new UsageException($"--min-documents must be 1 or more (got {settings.MinDocuments})");
        }
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
            + (settings.SpecsDirectory is null ? "" : " --specs DIR")
            + (settings.WordWeight == Lexicon.DefaultWeight ? "" : string.Create(CultureInfo.InvariantCulture, $" --word-weight {settings.WordWeight}"))
            + (settings.MinDocuments == Lexicon.DefaultMinDocuments ? "" : $" --min-documents {settings.MinDocuments}")
            + $" --out {Path.GetFileName(output)}";
        var weights = await ProgressDisplay.RunAsync(console, "encoding training rows", progress =>
            trainer.TrainAsync(settings.Data, catalog, command, new Relay(progress, rows), settings.WordWeight, settings.MinDocuments, cancellationToken));
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
