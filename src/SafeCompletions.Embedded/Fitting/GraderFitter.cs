using System.Security.Cryptography;
using SafeCompletions.Contracts;
using SafeCompletions.Embedded.Features;
using SafeCompletions.Embedded.Model;
using SafeCompletions.Jsonl;
using SafeCompletions.Specs;

namespace SafeCompletions.Embedded.Fitting;

/// <summary>
/// Trains the embedded grader's heads from labelled rows (and the specs' exemplars, which always join the data):
/// reads and checks the files, encodes every row once, then fits the compliance and safety heads.
/// </summary>
public sealed class GraderFitter(PairFeatureExtractor extractor)
{
    /// <summary>
    /// The settings the committed weights use, chosen by the bench's cross-validation (docs/embedded-grader.md): the
    /// compliance head unbalanced (accuracy counts every row alike), the safety head class-balanced (unsafe rows are
    /// few) and more strongly penalised.
    /// </summary>
    public const double DefaultL2 = 0.02;
    public const double DefaultSafetyL2 = 0.2;
    public const int DefaultEpochs = 300;
    public const bool DefaultBalanceCompliance = false;
    public const bool DefaultBalanceSafety = true;

    /// <summary>Reads labelled rows; a malformed line throws <see cref="InvalidInputException"/> naming file, line and field.</summary>
    public static async Task<List<LabelledRow>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var rows = new List<LabelledRow>();
        await foreach (var line in JsonlReader.ReadAsync(path, TrainingJson.Default.LabelledRow, Validate, cancellationToken).RejectRepeatedIds(path, r => r.Id, cancellationToken).ConfigureAwait(false))
        {
            rows.Add(line.Row ?? throw new InvalidInputException(line.Error!));
        }
        return rows;
    }

    /// <summary>Encodes rows into training examples, reporting progress as rows are done.</summary>
    public async Task<List<FittingExample>> ExamplesAsync(IReadOnlyList<LabelledRow> rows, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var examples = new FittingExample[rows.Count];
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, rows.Count), new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = cancellationToken }, async (i, token) =>
        {
            var row = rows[i];
            var features = await extractor.ExtractAsync(row.Conversation(), row.Response!, token, asWritten: row.Source == ExemplarSource).ConfigureAwait(false);
            examples[i] = new FittingExample(features, row.Label?.Compliance, row.Label?.Safe, row.Source ?? "data", row.PromptId ?? row.Id);
            progress?.Report(Interlocked.Increment(ref done));
        }).ConfigureAwait(false);
        return [.. examples];
    }

    /// <summary>The <see cref="LabelledRow.Source"/> of the specs' exemplars, which are read as written (placeholders kept).</summary>
    public const string ExemplarSource = "spec-exemplars";

    /// <summary>The specs' exemplars as labelled rows: direct → full, safe_completion → partial, either refusal → refusal.</summary>
    public static IReadOnlyList<LabelledRow> ExemplarRows(SpecCatalog catalog) =>
    [
        .. catalog.All.SelectMany(spec => spec.Exemplars.Select((e, i) => new LabelledRow
        {
            Id = $"{spec.Id}#exemplar{i + 1}",
            PromptId = $"{spec.Id}#exemplar{i + 1}",
            Prompt = e.Prompt,
            Response = e.Response,
            Source = ExemplarSource,
            Label = new RowLabel(ComplianceOf(e.Mode!.Value), e.Safe),
        })),
    ];

    public static string ComplianceOf(ResponseMode mode) => mode switch
    {
        ResponseMode.Direct => "full",
        ResponseMode.SafeCompletion => "partial",
        _ => "refusal",
    };

    /// <summary>
    /// Builds the lexicon from every example's response (unless <paramref name="lexicalWeight"/> is 0), then fits both
    /// heads on the examples that carry each label.
    /// </summary>
    public static FittedHeads Fit(
        IReadOnlyList<FittingExample> examples, double l2 = DefaultL2, double safetyL2 = DefaultSafetyL2, int epochs = DefaultEpochs,
        bool balanceCompliance = DefaultBalanceCompliance, bool balanceSafety = DefaultBalanceSafety,
        double lexicalWeight = Lexicon.DefaultWeight, int minDocuments = Lexicon.DefaultMinDocuments)
    {
        // A word weight of 0 leaves the word block out: heads over the dense features alone (weights without a lexicon).
        var lexicon = lexicalWeight > 0 ? Lexicon.Build([.. examples.Select(e => e.Features.Terms)], minDocuments, lexicalWeight) : null;
        // Each example's row once, shared by both heads (most examples carry both labels).
        var rows = examples.Select(e => (Example: e, Row: FeatureRow.Of(e.Features, lexicon))).ToList();
        var compliance = rows.Where(r => r.Example.Compliance is not null).ToList();
        var safety = rows.Where(r => r.Example.Safe is not null).ToList();
        var complianceHead = LogisticFitter.Fit(
            [.. compliance.Select(r => r.Row)],
            [.. compliance.Select(r => GraderWeights.ComplianceClasses.ToList().IndexOf(r.Example.Compliance!))],
            GraderWeights.ComplianceClasses, lexicon?.Words.Count ?? 0, l2, epochs, balanceCompliance);
        var safetyHead = LogisticFitter.Fit(
            [.. safety.Select(r => r.Row)],
            [.. safety.Select(r => r.Example.Safe == true ? 0 : 1)],
            GraderWeights.SafetyClasses, lexicon?.Words.Count ?? 0, safetyL2, epochs, balanceSafety);
        return new FittedHeads(complianceHead, safetyHead, lexicon, compliance.Count, safety.Count);
    }

    /// <summary>
    /// Trains weights from data files plus the catalog's exemplars, with the record of how; without the confidence's
    /// calibration map, which needs held-out grades (<see cref="GraderTraining.RunAsync"/> fits it).
    /// </summary>
    public async Task<GraderWeights> TrainAsync(IReadOnlyList<string> dataFiles, SpecCatalog catalog, string command, IProgress<int>? progress = null,
        double lexicalWeight = Lexicon.DefaultWeight, int minDocuments = Lexicon.DefaultMinDocuments, CancellationToken cancellationToken = default)
    {
        var (rows, files) = await ReadFilesAsync(dataFiles, cancellationToken).ConfigureAwait(false);
        var examples = await ExamplesAsync([.. rows, .. ExemplarRows(catalog)], progress, cancellationToken).ConfigureAwait(false);
        return Weights(examples, files, catalog, command, lexicalWeight, minDocuments);
    }

    /// <summary>
    /// Reads every data file's labelled rows (a row without a <c>source</c> gets its file's name, so figures can be
    /// given per file) and the record of each file: name, SHA-256, rows.
    /// </summary>
    public static async Task<(List<LabelledRow> Rows, List<TrainingDataFile> Files)> ReadFilesAsync(IReadOnlyList<string> dataFiles, CancellationToken cancellationToken = default)
    {
        var rows = new List<LabelledRow>();
        var files = new List<TrainingDataFile>();
        foreach (var file in dataFiles)
        {
            var fileRows = await ReadAsync(file, cancellationToken).ConfigureAwait(false);
            rows.AddRange(fileRows.Select(r => r.Source is null ? r with { Source = Path.GetFileName(file) } : r));
            files.Add(new TrainingDataFile(Path.GetFileName(file), Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false))), fileRows.Count));
        }
        return (rows, files);
    }

    /// <summary>Fits the heads on encoded examples (data rows and exemplars) and records how.</summary>
    public GraderWeights Weights(IReadOnlyList<FittingExample> examples, IReadOnlyList<TrainingDataFile> files, SpecCatalog catalog, string command,
        double lexicalWeight = Lexicon.DefaultWeight, int minDocuments = Lexicon.DefaultMinDocuments)
    {
        var fitted = Fit(examples, lexicalWeight: lexicalWeight, minDocuments: minDocuments);
        return new GraderWeights(
            GraderWeights.CurrentFormat,
            extractor.Encoder.Name,
            PairFeatures.Names(extractor.Encoder.Dimension),
            fitted.Compliance,
            fitted.Safety,
            new TrainingRecord(command, files, [.. catalog.All.Select(s => s.Identity)], examples.Count, fitted.ComplianceRows, fitted.SafetyRows, DefaultL2, DefaultSafetyL2, DefaultEpochs),
            fitted.Lexicon);
    }

    private static RowValidationProblem? Validate(LabelledRow row) =>
        string.IsNullOrWhiteSpace(row.Id) ? new("id", "missing or empty")
        : row.Prompt is null && row.Messages is not { Count: > 0 } ? new("prompt", "missing; give \"prompt\" or \"messages\"")
        : row.Response is null ? new("response", "missing")
        : row.Label is null ? new("label", "missing; give {\"compliance\"?, \"safe\"?}")
        : row.Label.Compliance is not (null or "full" or "partial" or "refusal") ? new("label.compliance", "expected one of full, partial, refusal")
        : null;
}
