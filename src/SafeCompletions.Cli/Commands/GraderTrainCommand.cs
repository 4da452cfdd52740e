using System.ComponentModel;
using System.Globalization;
using SafeCompletions.Cli.Infrastructure;
using SafeCompletions.Embedded.Encoding;
using SafeCompletions.Embedded.Features;
using SafeCompletions.Embedded.Fitting;
using SafeCompletions.Specs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SafeCompletions.Cli.Commands;

internal sealed class GraderTrainCommand(IAnsiConsole console, ErrorConsole errors) : AsyncCommand<GraderTrainCommand.Settings>
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

        [CommandOption("--cross-validate <K>")]
        [Description("Before training, grade every row with heads trained without its fold (K folds split by prompt_id) and print the agreement with the labels per data file: how well the grader does on rows it has not seen.")]
        public int? CrossValidate { get; init; }

        [CommandOption("--splits <N>")]
        [Description("With --cross-validate: repeat it over N different splits of the rows into folds and print each file's mean agreement and its range. On a few hundred rows one split's figure moves by a few points with the split alone. Default 1.")]
        public int Splits { get; init; } = 1;

        [CommandOption("--calibration-folds <K>")]
        [Description("Fit the grades' confidence (Platt scaling of the safety) on held-out grades of K folds split by prompt_id; with --cross-validate its first split's grades are used instead. 0 leaves the weights uncalibrated. Default 5.")]
        public int CalibrationFolds { get; init; } = GraderTrainingOptions.DefaultCalibrationFolds;

        [CommandOption("--min-documents <N>")]
        [Description("A word joins the vocabulary when at least N training responses contain it. Default 2.")]
        public int MinDocuments { get; init; } = Lexicon.DefaultMinDocuments;

        public override ValidationResult Validate() =>
            Data.Length == 0 ? ValidationResult.Error("grader train needs at least one --data FILE of labelled rows")
            : Output is null ? ValidationResult.Error("grader train needs --out FILE (where the weights go)")
            : WordWeight < 0 || !double.IsFinite(WordWeight) ? ValidationResult.Error($"--word-weight must be 0 or more (got {WordWeight.ToString(CultureInfo.InvariantCulture)})")
            : CrossValidate is < 2 ? ValidationResult.Error($"--cross-validate needs 2 folds or more (got {CrossValidate})")
            : Splits < 1 ? ValidationResult.Error($"--splits must be 1 or more (got {Splits})")
            : Splits > 1 && CrossValidate is null ? ValidationResult.Error("--splits repeats the cross-validation: give --cross-validate K too")
            : CalibrationFolds is 1 or < 0 ? ValidationResult.Error($"--calibration-folds needs 2 folds or more, or 0 for none (got {CalibrationFolds})")
            : MinDocuments < 1 ? ValidationResult.Error($"--min-documents must be 1 or more (got {MinDocuments})")
            : base.Validate();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var output = settings.Output!;
        var catalog = SpecCatalog.Load(settings.SpecsDirectory);
        var options = new GraderTrainingOptions
        {
            DataFiles = settings.Data,
            WordWeight = settings.WordWeight,
            MinDocuments = settings.MinDocuments,
            CrossValidate = settings.CrossValidate,
            Splits = settings.Splits,
            CalibrationFolds = settings.CalibrationFolds,
            Command = "safecomp grader train " + string.Join(' ', settings.Data.Select(d => $"--data {Path.GetFileName(d)}"))
                + (settings.SpecsDirectory is null ? "" : " --specs DIR")
                + (settings.WordWeight == Lexicon.DefaultWeight ? "" : string.Create(CultureInfo.InvariantCulture, $" --word-weight {settings.WordWeight}"))
                + (settings.MinDocuments == Lexicon.DefaultMinDocuments ? "" : $" --min-documents {settings.MinDocuments}")
                + (settings.CalibrationFolds == GraderTrainingOptions.DefaultCalibrationFolds ? "" : $" --calibration-folds {settings.CalibrationFolds}")
                + $" --out {Path.GetFileName(output)}",
        };
        using var encoder = new MiniLmTextEncoder();
        GraderTrainingResult result;
        try
        {
            result = await StagedProgressDisplay.RunAsync(errors.Console, progress => GraderTraining.RunAsync(options, catalog, encoder, progress, cancellationToken));
        }
        catch (TrainingDataException unusable)
        {
            throw new UsageException(unusable.Message);
        }
        if (result.CrossValidation is { } agreements)
        {
            WriteAgreements(agreements, settings.CrossValidate!.Value, settings.Splits);
        }
        result.Weights.Save(output);

        var record = result.Weights.Training;
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"trained on {record.Rows} rows ({record.ComplianceRows} with a compliance label, {record.SafetyRows} with a safety label) from {string.Join(", ", record.Data.Select(d => $"{d.File} ({d.Rows})"))} and {record.Specs.Count} specs' exemplars"));
        console.WriteLine(result.Weights.Calibration is { } calibration
            ? string.Create(CultureInfo.InvariantCulture, $"confidence calibrated (Platt) on {calibration.Rows} held-out grades of {calibration.Folds} folds: P(safe) = σ({calibration.A:0.###} · logit(s) + {calibration.B:0.###})")
            : "confidence not calibrated (no held-out grades with a safe label): grades read it from the safety as it is");
        console.WriteLine($"wrote {output}");
        return ExitCodes.Success;
    }

    /// <summary>Agreement per data file: the counts for one split, the mean and range of the shares for several.</summary>
    private void WriteAgreements(IReadOnlyList<IReadOnlyList<HeldOutAgreement>> agreements, int folds, int splits)
    {
        var table = new Table().AddColumns("data", "compliance (3-way) agreed", "safe/unsafe agreed");
        for (var file = 0; file < agreements[0].Count; file++)
        {
            var perSplit = agreements.Select(a => a[file]).ToList();
            table.AddRow(Markup.Escape(perSplit[0].Source),
                Spread(perSplit.Select(a => (a.ComplianceAgreed, a.ComplianceRows)).ToList()),
                Spread(perSplit.Select(a => (a.SafetyAgreed, a.SafetyRows)).ToList()));
        }
        console.WriteLine(splits == 1
            ? $"{folds}-fold cross-validation split by prompt_id: every row graded by heads trained without it"
            : $"{folds}-fold cross-validation split by prompt_id, over {splits} splits: every row graded by heads trained without it; mean and range of the splits");
        console.Write(table);
    }

    private static string Spread(IReadOnlyList<(int Agreed, int Rows)> splits)
    {
        if (splits.Count == 1)
        {
            return Share(splits[0].Agreed, splits[0].Rows);
        }
        if (splits[0].Rows == 0)
        {
            return "-";
        }
        var shares = splits.Select(s => 100.0 * s.Agreed / s.Rows).ToList();
        return string.Create(CultureInfo.InvariantCulture, $"{shares.Average():0.0}% ({shares.Min():0.0}–{shares.Max():0.0}) of {splits[0].Rows}");
    }

    private static string Share(int agreed, int rows) =>
        rows == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{agreed}/{rows} = {100.0 * agreed / rows:0.0}%");
}
