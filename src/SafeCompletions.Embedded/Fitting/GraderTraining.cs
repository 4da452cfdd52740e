using SafeCompletions.Contracts;
using SafeCompletions.Embedded.Encoding;
using SafeCompletions.Embedded.Features;
using SafeCompletions.Embedded.Model;
using SafeCompletions.Runs;
using SafeCompletions.Specs;

namespace SafeCompletions.Embedded.Fitting;

/// <summary>
/// <c>safecomp grader train</c> as a library call: reads the labelled files, encodes their rows and the specs'
/// exemplars once, cross-validates on the data rows when asked (the exemplars always train), fits the confidence's
/// calibration map on held-out grades, then fits the weights on everything and records how.
/// </summary>
public static class GraderTraining
{
    /// <summary>The stage label of encoding the rows.</summary>
    public const string EncodingStage = "encoding training rows";

    public static async Task<GraderTrainingResult> RunAsync(
        GraderTrainingOptions options, SpecCatalog catalog, ITextEncoder encoder, IProgress<StageProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var (rows, files) = await GraderFitter.ReadFilesAsync(options.DataFiles, cancellationToken).ConfigureAwait(false);
        Check(rows, files, options.CrossValidate);
        var dataRows = rows.Count;
        rows.AddRange(GraderFitter.ExemplarRows(catalog));
        var fitter = new GraderFitter(new PairFeatureExtractor(encoder));
        var examples = await fitter.ExamplesAsync(rows, Stage(progress, EncodingStage, rows.Count), cancellationToken).ConfigureAwait(false);
        var (data, exemplars) = (examples[..dataRows], examples[dataRows..]);
        var perSplit = options.CrossValidate is { } folds
            ? await CrossValidateAsync(encoder, catalog, data, exemplars, folds, options.Splits, CrossValidationStage(folds, options.Splits), options, progress, cancellationToken).ConfigureAwait(false)
            : null;
        // The calibration map learns from grades of rows the heads never saw: the cross-validation's first split when
        // there is one, else a held-out grading of its own.
        var (calibrationGrades, calibrationFolds) = perSplit is not null && options.CalibrationFolds > 0 ? (perSplit[0], options.CrossValidate!.Value)
            : options.CalibrationFolds > 0 ? ((await CrossValidateAsync(encoder, catalog, data, exemplars, options.CalibrationFolds, 1, CalibrationStage(options.CalibrationFolds), options, progress, cancellationToken).ConfigureAwait(false))[0], options.CalibrationFolds)
            : (null, 0);
        var weights = fitter.Weights(examples, files, catalog, options.Command, options.WordWeight, options.MinDocuments)
            with { Calibration = calibrationGrades is null ? null : Calibrate(data, calibrationGrades, calibrationFolds) };
        return new GraderTrainingResult(weights, perSplit?.Select(grades => CrossValidation.Agreement(data, grades)).ToList());
    }

    /// <summary>
    /// The data can train and be cross-validated: some row has a label (the specs' exemplars alone would give weights that
    /// only look trained), and every fold can hold out a prompt group of its own.
    /// </summary>
    private static void Check(IReadOnlyList<LabelledRow> rows, IReadOnlyList<TrainingDataFile> files, int? folds)
    {
        if (!rows.Any(r => r.Label is { Compliance: not null } or { Safe: not null }))
        {
            throw new TrainingDataException(
                $"no labelled rows to train on: {string.Join(", ", files.Select(f => $"{f.File} ({f.Rows} row(s))"))}, none with label.compliance or label.safe");
        }
        var groups = rows.Select(r => r.PromptId ?? r.Id).Distinct(StringComparer.Ordinal).Count();
        if (folds > groups)
        {
            throw new TrainingDataException(
                $"cross-validation with {folds} folds needs at least {folds} prompt groups (distinct prompt_id, or id where absent) but the data has {groups}"
                + (groups >= 2 ? $"; use --cross-validate {groups} or fewer" : ": cross-validation needs 2 prompts or more"));
        }
    }

    /// <summary>The stage label of the cross-validation.</summary>
    public static string CrossValidationStage(int folds, int splits) =>
        splits == 1 ? $"cross-validating ({folds} folds)" : $"cross-validating ({folds} folds × {splits} splits)";

    /// <summary>The stage label of the held-out grading the calibration is fitted on.</summary>
    public static string CalibrationStage(int folds) => $"held-out grades for the confidence's calibration ({folds} folds)";

    /// <summary>
    /// Platt scaling of the held-out safety against the safe labels (rows without one, or whose grade has no safety,
    /// do not count); null when no row has both.
    /// </summary>
    public static SafetyCalibration? Calibrate(IReadOnlyList<FittingExample> data, IReadOnlyList<Grade> heldOut, int folds)
    {
        var labelled = data.Select((e, i) => (e.Safe, heldOut[i].Safety)).Where(x => x.Safe is not null && x.Safety is not null).ToList();
        return labelled.Count == 0 ? null : PlattFitter.Fit([.. labelled.Select(x => x.Safety!.Value)], [.. labelled.Select(x => x.Safe!.Value)], folds);
    }

    /// <summary>Grades the data rows held out fold by fold, once per split.</summary>
    private static async Task<IReadOnlyList<Grade[]>> CrossValidateAsync(
        ITextEncoder encoder, SpecCatalog catalog, List<FittingExample> data, List<FittingExample> exemplars, int folds, int splits, string stage,
        GraderTrainingOptions options, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        var perSplit = new List<Grade[]>();
        for (var split = 0; split < splits; split++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            perSplit.Add(await CrossValidation.GradeHeldOutAsync(encoder, catalog, data, exemplars, folds,
                train => GraderFitter.Fit(train, lexicalWeight: options.WordWeight, minDocuments: options.MinDocuments),
                Stage(progress, stage, folds * splits, split * folds), CrossValidation.SplitSeed(split)).ConfigureAwait(false));
        }
        return perSplit;
    }

    private static Relay? Stage(IProgress<StageProgress>? progress, string stage, int total, int offset = 0) =>
        progress is null ? null : new Relay(progress, stage, total, offset);

    private sealed class Relay(IProgress<StageProgress> progress, string stage, int total, int offset) : IProgress<int>
    {
        public void Report(int value) => progress.Report(new StageProgress(stage, offset + value, total));
    }
}
