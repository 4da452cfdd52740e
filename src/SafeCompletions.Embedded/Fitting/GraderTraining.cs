using SafeCompletions.Embedded.Encoding;
using SafeCompletions.Embedded.Features;
using SafeCompletions.Embedded.Model;
using SafeCompletions.Runs;
using SafeCompletions.Specs;

namespace SafeCompletions.Embedded.Fitting;

/// <summary>
/// <c>safecomp grader train</c> as a library call: reads the labelled files, encodes their rows and the specs'
/// exemplars once, cross-validates on the data rows when asked (the exemplars always train), then fits the weights
/// on everything and records how.
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
        var agreements = options.CrossValidate is { } folds
            ? await CrossValidateAsync(encoder, catalog, examples[..dataRows], examples[dataRows..], folds, options, progress, cancellationToken).ConfigureAwait(false)
            : null;
        var weights = fitter.Weights(examples, files, catalog, options.Command, options.WordWeight, options.MinDocuments);
        return new GraderTrainingResult(weights, agreements);
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

    /// <summary>Grades the data rows held out fold by fold, once per split, and counts the agreement per file.</summary>
    private static async Task<IReadOnlyList<IReadOnlyList<HeldOutAgreement>>> CrossValidateAsync(
        ITextEncoder encoder, SpecCatalog catalog, List<FittingExample> data, List<FittingExample> exemplars, int folds,
        GraderTrainingOptions options, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        var stage = CrossValidationStage(folds, options.Splits);
        var perSplit = new List<IReadOnlyList<HeldOutAgreement>>();
        for (var split = 0; split < options.Splits; split++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var grades = await CrossValidation.GradeHeldOutAsync(encoder, catalog, data, exemplars, folds,
                train => GraderFitter.Fit(train, lexicalWeight: options.WordWeight, minDocuments: options.MinDocuments),
                Stage(progress, stage, folds * options.Splits, split * folds), CrossValidation.SplitSeed(split)).ConfigureAwait(false);
            perSplit.Add(CrossValidation.Agreement(data, grades));
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
