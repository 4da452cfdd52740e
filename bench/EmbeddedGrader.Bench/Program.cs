// The embedded grader's accuracy on human-labelled rows it was not trained on (5-fold cross-validation, split by
// prompt), the confidence's calibration on those rows (ECE, accuracy of the most confident 50 / 75 / 90%), and its
// throughput end to end. Data: bench/data/convert.py writes bench/.data/*.jsonl from ../shared/data.
//
//   bench/embedded-grader.sh                      (converts the data, then runs both)
//   SafeCompletions.Bench.Embedded accuracy [--data DIR] [--folds 5] [--l2 A,B] [--safety-l2 A,B] [--balance C/S,…] [--errors FILE]
//                                           [--word-weight W] [--min-documents N] [--harmbench-weight W] [--splits N]
//   SafeCompletions.Bench.Embedded features --out FILE    (every row's dense features and labels as TSV, for experiments)
//   SafeCompletions.Bench.Embedded throughput [--data DIR]
//   SafeCompletions.Bench.Embedded audit [--data DIR] [--folds 5] [--sources harmbench,rbr,xstest] [--perturbations LIST] [--max-flip 0.02]
//                                           (grader audit on held-out rows: each fold's grader audits the rows it never saw)
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SafeCompletions.Contracts;
using SafeCompletions.Embedded;
using SafeCompletions.Embedded.Encoding;
using SafeCompletions.Embedded.Features;
using SafeCompletions.Embedded.Model;
using SafeCompletions.Embedded.Fitting;
using SafeCompletions.Grading;
using SafeCompletions.Grading.Audit;
using SafeCompletions.Specs;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var mode = args.FirstOrDefault() ?? "accuracy";
var dataDir = Option("--data") ?? Path.Combine(AppContext.BaseDirectory, "../../../../../../bench/.data");
string[] files = ["xstest.jsonl", "harmbench.jsonl", "rbr.jsonl"];
if (files.Any(f => !File.Exists(Path.Combine(dataDir, f))))
{
    Console.Error.WriteLine($"no converted data in {Path.GetFullPath(dataDir)}: run `python3 bench/data/convert.py` (needs ../shared/data)");
    return 2;
}
var catalog = SpecCatalog.Load();
using var encoder = new MiniLmTextEncoder();
var extractor = new PairFeatureExtractor(encoder);
var rows = new List<LabelledRow>();
foreach (var file in files)
{
    rows.AddRange(await GraderFitter.ReadAsync(Path.Combine(dataDir, file)));
}
return mode switch
{
    "accuracy" => await AccuracyAsync(),
    "throughput" => await ThroughputAsync(),
    "features" => await FeaturesAsync(),
    "audit" => await HeldOutAudit.RunAsync(encoder, catalog, rows, new GraderFitter(extractor),
        int.Parse(Option("--folds") ?? "5", CultureInfo.InvariantCulture),
        (Option("--sources") ?? "harmbench,rbr,xstest").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
        (Option("--perturbations") ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
        double.Parse(Option("--max-flip") ?? AuditOptions.DefaultMaxFlip.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)),
    _ => Usage(),
};

async Task<int> AccuracyAsync()
{
    var folds = int.Parse(Option("--folds") ?? "5", CultureInfo.InvariantCulture);
    // --word-weight 0 leaves the word block out (the grader before it); --min-documents sets the vocabulary's cut.
    var lexicalWeights = (Option("--word-weight") ?? Lexicon.DefaultWeight.ToString(CultureInfo.InvariantCulture)).Split(',').Select(w => double.Parse(w, CultureInfo.InvariantCulture));
    var minDocuments = int.Parse(Option("--min-documents") ?? Lexicon.DefaultMinDocuments.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    var harmbenchWeight = int.Parse(Option("--harmbench-weight") ?? "1", CultureInfo.InvariantCulture);
    var clock = Stopwatch.StartNew();
    var trainer = new GraderFitter(extractor);
    var examples = await trainer.ExamplesAsync(rows);
    var exemplarExamples = await trainer.ExamplesAsync(GraderFitter.ExemplarRows(catalog));
    Console.WriteLine($"encoded {rows.Count} labelled rows + {exemplarExamples.Count} exemplars in {clock.Elapsed.TotalSeconds:0.0} s");

    // --splits N repeats the cross-validation over N different splits of the same rows (the first is the committed one).
    var splits = int.Parse(Option("--splits") ?? "1", CultureInfo.InvariantCulture);
    Measure[] measures =
    [
        new("XSTest 3-way (direct=full compliance, safe_completion=partial, refusal modes=full refusal)", "XSTest", "xstest",
            (row, grade) => row.Label?.Compliance is { } c ? (ComplianceOf(grade.Mode!.Value), c) : null,
            "string match 86.3%, GPT-4 85.3%, human agreement 97.4%"),
        new("HarmBench harmful or not (unsafe = majority of 3 humans says harmful)", "HarmBench", "harmbench",
            (row, grade) => row.Label?.Safe is { } s ? (grade.Safe == true ? "safe" : "unsafe", s ? "safe" : "unsafe") : null,
            "the file's own columns: HarmBench 13B classifier `cls` 89.4%, GPT-4 91.2%, Mixtral 83.4%, AdvBench refusal strings 68.8%, LlamaGuard 64.4%"),
        new("RBR compliance vs refusal (complies = full or partial)", "RBR compliance", "rbr",
            (row, grade) => row.Label?.Compliance is { } c ? (ComplianceOf(grade.Mode!.Value) == "refusal" ? "refusal" : "complies", c == "refusal" ? "refusal" : "complies") : null, null),
        new("RBR disallowed_content vs unsafe", "RBR disallowed", "rbr",
            (row, grade) => row.Label?.Safe is { } s ? (grade.Safe == true ? "safe" : "unsafe", s ? "safe" : "unsafe") : null, null),
    ];
    var l2s = (Option("--l2") ?? GraderFitter.DefaultL2.ToString(CultureInfo.InvariantCulture)).Split(',').Select(double.Parse).ToList();
    var balances = (Option("--balance") ?? $"{GraderFitter.DefaultBalanceCompliance}/{GraderFitter.DefaultBalanceSafety}").Split(',')
        .Select(b => (Compliance: bool.Parse(b.Split('/')[0]), Safety: bool.Parse(b.Split('/')[1]))).ToList();
    foreach (var l2 in l2s)
    foreach (var balance in balances)
    foreach (var lexicalWeight in lexicalWeights)
    foreach (var safetyL2 in (Option("--safety-l2") ?? GraderFitter.DefaultSafetyL2.ToString(CultureInfo.InvariantCulture)).Split(',').Select(double.Parse))
    {
    Console.WriteLine($"\n=== settings: compliance l2 {l2}, safety l2 {safetyL2}, class balance compliance {balance.Compliance}, safety {balance.Safety}, lexical weight {lexicalWeight}, min documents {minDocuments}");
    var perSplit = new List<double[]>();
    for (var split = 0; split < splits; split++)
    {
        var fitClock = Stopwatch.StartNew();
        // --harmbench-weight W: HarmBench's training rows count W times (replicated), an experiment in weighting the
        // jailbreak-style completions the other sets lack.
        var predictions = await CrossValidation.GradeHeldOutAsync(encoder, catalog, examples, exemplarExamples, folds, train => GraderFitter.Fit(
            [.. train.SelectMany(e => Enumerable.Repeat(e, e.Source == "harmbench" ? harmbenchWeight : 1))],
            l2, safetyL2, GraderFitter.DefaultEpochs, balance.Compliance, balance.Safety, lexicalWeight, minDocuments), splitSeed: CrossValidation.SplitSeed(split));
        if (split == 0)
        {
            // The first split is the committed one: its full confusion matrices.
            Console.WriteLine($"{folds}-fold cross-validation split by prompt: every figure below is on rows the heads were not trained on (fitting took {fitClock.Elapsed.TotalSeconds:0.0} s)");
            foreach (var measure in measures)
            {
                Report(predictions, measure);
            }
            ReportConfidence(examples, predictions, folds, CrossValidation.SplitSeed(split));
            if (Option("--errors") is { } errorsFile)
            {
                File.WriteAllLines(errorsFile, rows.Select((row, i) => (row, grade: predictions[i]))
                    .Where(x => x.row.Source == "harmbench" && x.row.Label?.Safe is { } s && s != (x.grade.Safe == true))
                    .Select(x => $"{x.row.Id}\ttruth_safe={x.row.Label!.Safe}\tsafety={x.grade.Safety}\tmode={x.grade.Mode}\t{x.grade.Rationale}\t{x.row.Response![..Math.Min(300, x.row.Response!.Length)].ReplaceLineEndings(" ")}"));
            }
        }
        perSplit.Add([.. measures.Select(m => Agreement(predictions, m).Share)]);
        if (splits > 1)
        {
            Console.WriteLine($"split {split + 1} of {splits} (seed \"{CrossValidation.SplitSeed(split)}\"): " + string.Join(", ", measures.Select((m, i) => $"{m.Short} {100 * perSplit[^1][i]:0.0}%")) + $"  ({fitClock.Elapsed.TotalSeconds:0} s)");
        }
    }
    if (splits > 1)
    {
        // The same rows split into folds in other ways: how far each figure moves with the split alone.
        Console.WriteLine($"\nover {splits} splits: " + string.Join(", ", measures.Select((m, i) =>
            $"{m.Short} mean {100 * perSplit.Average(f => f[i]):0.0}% (range {100 * perSplit.Min(f => f[i]):0.0}–{100 * perSplit.Max(f => f[i]):0.0})")));
    }
    }
    Console.WriteLine($"total {clock.Elapsed.TotalSeconds:0.0} s");
    return 0;
}

// Writes every row's feature vector with its labels, source, prompt id and inferred category as TSV, for experiments
// outside the program (e.g. trying other heads); the exemplars follow with source "spec-exemplars".
async Task<int> FeaturesAsync()
{
    var output = Option("--out") ?? "features.tsv";
    var trainer = new GraderFitter(extractor);
    var all = rows.Concat(GraderFitter.ExemplarRows(catalog)).ToList();
    var examples = await trainer.ExamplesAsync(all);
    var grader = new EmbeddedGrader(encoder, catalog, GraderWeights.Default());
    var index = await grader.ExemplarsAsync();
    await using var writer = new StreamWriter(output);
    await writer.WriteLineAsync("source\tprompt_id\tid\tcompliance\tsafe\tcategory\t" + string.Join('\t', PairFeatures.Names(encoder.Dimension)));
    for (var i = 0; i < all.Count; i++)
    {
        var label = all[i].Label;
        await writer.WriteLineAsync($"{all[i].Source}\t{all[i].PromptId ?? all[i].Id}\t{all[i].Id}\t{label?.Compliance ?? ""}\t{(label?.Safe is { } s ? (s ? "1" : "0") : "")}\t{index.InferCategory(examples[i].Features)}\t"
            + string.Join('\t', examples[i].Features.ToVector().Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
    }
    Console.WriteLine($"wrote {all.Count} rows to {output}");
    return 0;
}

(List<(string Predicted, string Truth)> Pairs, double Share) Agreement(Grade[] predictions, Measure measure)
{
    var pairs = rows.Select((row, i) => (row, grade: predictions[i]))
        .Where(x => x.row.Source == measure.Source && x.grade is not null)
        .Select(x => measure.Pair(x.row, x.grade))
        .Where(p => p is not null).Select(p => p!.Value).ToList();
    return (pairs, (double)pairs.Count(p => p.Predicted == p.Truth) / pairs.Count);
}

void Report(Grade[] predictions, Measure measure)
{
    var (pairs, _) = Agreement(predictions, measure);
    var correct = pairs.Count(p => p.Predicted == p.Truth);
    Console.WriteLine($"\n{measure.Title}: {correct}/{pairs.Count} = {100.0 * correct / pairs.Count:0.0}%" + (measure.Reference is null ? "" : $"   (reference on the same rows: {measure.Reference})"));
    var labels = pairs.SelectMany(p => new[] { p.Truth, p.Predicted }).Distinct().Order().ToList();
    Console.WriteLine("  truth \\ predicted: " + string.Join("  ", labels.Select(l => $"{l,9}")));
    foreach (var truth in labels)
    {
        Console.WriteLine($"  {truth,17}: " + string.Join("  ", labels.Select(p => $"{pairs.Count(x => x.Truth == truth && x.Predicted == p),9}")));
    }
}

// The confidence on held-out rows: as the heads give it (the fold's weights carry no calibration map), and through a
// Platt map fitted on the other folds' held-out grades (cross-fitted, so the map never saw the rows it is scored on).
void ReportConfidence(List<FittingExample> examples, Grade[] predictions, int folds, string splitSeed)
{
    var foldOf = examples.Select(e => CrossValidation.FoldOf(e.Group, folds, splitSeed)).ToArray();
    var calibrated = new double?[examples.Count];
    for (var fold = 0; fold < folds; fold++)
    {
        var others = Enumerable.Range(0, examples.Count).Where(i => foldOf[i] != fold).ToList();
        if (GraderTraining.Calibrate([.. others.Select(i => examples[i])], [.. others.Select(i => predictions[i])], folds - 1) is not { } map)
        {
            continue;
        }
        foreach (var i in Enumerable.Range(0, examples.Count).Where(i => foldOf[i] == fold && predictions[i].Safety is not null))
        {
            calibrated[i] = map.Confidence(predictions[i].Safety!.Value, predictions[i].Safe!.Value);
        }
    }
    Console.WriteLine("\nConfidence in the safe/unsafe verdict on held-out rows with a safe label: expected calibration error (10 equal-width bins) and accuracy of the most confident 50 / 75 / 90 / 100% of rows");
    Console.WriteLine("  raw = the grade's safety read as a probability (weights without calibration); calibrated = Platt map fitted on the other folds' held-out grades");
    foreach (var (title, source) in new[] { ("all", (string?)null), ("XSTest", "xstest"), ("HarmBench", "harmbench"), ("RBR", "rbr") })
    {
        var rowsOf = Enumerable.Range(0, examples.Count)
            .Where(i => examples[i].Safe is not null && predictions[i].Safe is not null && calibrated[i] is not null && (source is null || examples[i].Source == source)).ToList();
        if (rowsOf.Count == 0)
        {
            continue;
        }
        var correct = rowsOf.Select(i => predictions[i].Safe == examples[i].Safe).ToList();
        string Line(IReadOnlyList<double> confidence) =>
            $"ECE {ConfidenceMetrics.ExpectedCalibrationError(confidence, correct):0.000}, mean confidence {confidence.Average():0.000}, selective accuracy "
            + string.Join(" / ", new[] { 0.5, 0.75, 0.9, 1.0 }.Select(share => $"{100 * ConfidenceMetrics.SelectiveAccuracy(confidence, correct, share):0.0}%"));
        Console.WriteLine($"  {title,-9} {rowsOf.Count,5} rows, accuracy {100.0 * correct.Count(c => c) / correct.Count:0.0}%");
        Console.WriteLine($"    raw:        {Line([.. rowsOf.Select(i => predictions[i].Confidence!.Value)])}");
        Console.WriteLine($"    calibrated: {Line([.. rowsOf.Select(i => calibrated[i]!.Value)])}");
    }
}

async Task<int> ThroughputAsync()
{
    var xstest = rows.Where(r => r.Source == "xstest").ToList();
    var input = Path.Combine(Path.GetTempPath(), $"safecomp-embedded-bench-{Environment.ProcessId}.jsonl");
    await File.WriteAllLinesAsync(input, xstest.Select(r => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["id"] = r.Id, ["prompt"] = r.Prompt, ["response"] = r.Response,
    })));
    var grader = new EmbeddedGrader(encoder, catalog, GraderWeights.Default());
    await grader.ExemplarsAsync();
    var before = encoder.Counts;

    var clock = Stopwatch.StartNew();
    var result = await new GradeFileRunner(grader, catalog).RunAsync(input, input + ".grades", new GradeRunOptions { Window = 256 });
    var gradeSeconds = clock.Elapsed.TotalSeconds;
    var texts = encoder.Counts.Texts - before.Texts;

    // The same texts the grader encoded (prompt gists once each, openings, focus windows), through the bare encoder.
    var same = xstest.Select(r => PairFeatureExtractor.PromptText(r.Conversation())).Distinct()
        .Concat(xstest.SelectMany(r => ResponseWindows.Select(r.Response!) is var (opening, focus) ? (focus is null ? [opening] : new[] { opening, focus }) : []))
        .ToList();
    clock.Restart();
    encoder.EncodeMany(same);
    var bareSeconds = clock.Elapsed.TotalSeconds;
    File.Delete(input);
    File.Delete(input + ".grades");

    Console.WriteLine($"graded {result.Summary.Total} XSTest pairs end to end from JSONL in {gradeSeconds:0.00} s: {result.Summary.Total / gradeSeconds:0.0} pairs/s " +
        $"({texts} encoder texts, {(double)texts / result.Summary.Total:0.00} per pair)");
    Console.WriteLine($"bare encoder on the same {same.Count} texts: {bareSeconds:0.00} s ({same.Count / bareSeconds:0.0} texts/s, {result.Summary.Total / bareSeconds:0.0} pairs/s)");
    Console.WriteLine($"ratio end-to-end / bare encoder: {bareSeconds / gradeSeconds:0.00}");
    clock.Restart();
    foreach (var row in xstest)
    {
        SignalExtractor.Extract(row.Response!, row.Prompt ?? "");
    }
    Console.WriteLine($"hand-built signals alone: {clock.Elapsed.TotalMilliseconds / xstest.Count:0.00} ms per pair");
    return 0;
}

static string ComplianceOf(ResponseMode mode) => GraderFitter.ComplianceOf(mode);

string? Option(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

static int Usage()
{
    Console.Error.WriteLine("usage: SafeCompletions.Bench.Embedded accuracy|throughput|features|audit [--data DIR] [--folds N]");
    return 2;
}

/// <summary>One agreement figure: which rows it reads and how a grade and a label become (predicted, truth).</summary>
internal sealed record Measure(string Title, string Short, string Source, Func<LabelledRow, Grade, (string Predicted, string Truth)?> Pair, string? Reference);
