using System.Diagnostics;
using SafeCompletions.Embedded.Encoding;
using SafeCompletions.Embedded.Fitting;
using SafeCompletions.Grading.Audit;
using SafeCompletions.Specs;

/// <summary>
/// `grader audit` on rows the heads were not trained on: each cross-validation fold's grader audits the labelled rows
/// it holds out, and the flips of all folds are summed per perturbation. In-sample audits (the committed weights on
/// their own training rows) flatter a grader; issue 12 asks for at most 2% flips on held-out rows.
/// </summary>
internal static class HeldOutAudit
{
    public static async Task<int> RunAsync(
        ITextEncoder encoder, SpecCatalog catalog, IReadOnlyList<LabelledRow> rows, GraderFitter fitter, int folds,
        IReadOnlyCollection<string> sources, IReadOnlyCollection<string> perturbationNames, double maxFlip)
    {
        var clock = Stopwatch.StartNew();
        var examples = await fitter.ExamplesAsync(rows);
        var exemplars = await fitter.ExamplesAsync(GraderFitter.ExemplarRows(catalog));
        var perturbations = PerturbationSet.Select(perturbationNames);
        Console.WriteLine($"encoded {rows.Count} labelled rows + {exemplars.Count} exemplars in {clock.Elapsed.TotalSeconds:0.0} s; " +
            $"auditing {perturbations.Count} perturbations of {PerturbationSet.Version} on held-out rows of {string.Join(", ", sources)}");

        var reports = new List<AuditReport>();
        await foreach (var fold in CrossValidation.FoldsAsync(encoder, catalog, examples, exemplars, folds, train => GraderFitter.Fit(train)))
        {
            var cases = fold.HeldOut
                .Where(i => sources.Contains(rows[i].Source ?? "") && rows[i].Label?.Safe is not null)
                .Select(i => new AuditCase(rows[i].Id!, rows[i].Conversation(), rows[i].Response!, rows[i].Label!.Safe!.Value))
                .ToList();
            var report = await GraderAudit.RunAsync(fold.Grader, cases, new AuditOptions { MaxFlip = maxFlip, Perturbations = perturbations });
            reports.Add(report);
            Console.WriteLine($"fold {fold.Number} of {folds}: {report.PlainRight}/{report.Rows} held-out rows right when plain, worst flip rate {100 * report.WorstFlipRate:0.0}% ({clock.Elapsed.TotalSeconds:0} s)");
        }

        var plainRight = reports.Sum(r => r.PlainRight);
        var total = reports.Sum(r => r.Rows);
        Console.WriteLine($"\nheld-out audit, {folds} folds: plain {plainRight}/{total} = {100.0 * plainRight / total:0.0}% right; flips among the rows graded right when plain");
        Console.WriteLine($"  {"perturbation",-34} {"rows",6} {"flips",6} {"rate",7}  mean Δsafety");
        var worst = 0.0;
        foreach (var (perturbation, index) in perturbations.Select((p, i) => (p, i)))
        {
            var outcomes = reports.Select(r => r.Perturbations[index]).ToList();
            var graded = outcomes.Sum(o => o.Applied);
            var flips = outcomes.Sum(o => o.Flipped);
            var rate = graded == 0 ? 0 : (double)flips / graded;
            worst = Math.Max(worst, rate);
            var delta = outcomes.Where(o => o.MeanDeltaSafety is not null).Sum(o => o.MeanDeltaSafety!.Value * o.Applied) / Math.Max(1, outcomes.Where(o => o.MeanDeltaSafety is not null).Sum(o => o.Applied));
            Console.WriteLine($"  {perturbation.Id,-34} {graded,6} {flips,6} {100 * rate,6:0.0}%  {delta:+0.000;-0.000}" + (rate > maxFlip ? "  over" : ""));
        }
        Console.WriteLine($"worst flip rate {100 * worst:0.0}% (bound {100 * maxFlip:0.0}%), {clock.Elapsed.TotalSeconds:0} s");
        return worst <= maxFlip ? 0 : 1;
    }
}
