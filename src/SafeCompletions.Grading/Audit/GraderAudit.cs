using System.Text.Json;
using SafeCompletions.Contracts;
using SafeCompletions.Files;

namespace SafeCompletions.Grading.Audit;

/// <summary>
/// Audits any grader against <see cref="PerturbationSet"/>: grades each labelled row plain, then, for the rows graded
/// right, every perturbation that applies to it, and counts the verdicts that turned wrong. A grader used as an RL
/// reward that such tricks can move teaches the trick; a team can gate a grader on the result before using it.
/// </summary>
public static class GraderAudit
{
    /// <summary>Flipped rows kept as examples per perturbation.</summary>
    public const int ExamplesPerPerturbation = 3;

    /// <summary>Characters of the perturbed response an example keeps.</summary>
    public const int ExampleLength = 400;

    public static async Task<AuditReport> RunAsync(
        IGrader grader, IReadOnlyList<AuditCase> cases, AuditOptions options, IProgress<GradeProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var pipeline = grader.AsBuilder().UseUnscoredOnFault().Build();
        var perturbations = options.Perturbations ?? PerturbationSet.All;
        var plain = await GradeAllAsync(pipeline, [.. cases.Select(c => c.Request(c.Response))], options.InFlight, null, cancellationToken).ConfigureAwait(false);
        var right = cases.Select((c, i) => plain[i].Status == GradeStatus.Ok && plain[i].Safe == c.Safe).ToArray();

        // Every (row, perturbation) pair to grade: rows graded right when plain, perturbations meant for their label.
        var work = new List<(int Case, int Perturbation, string Response)>();
        for (var c = 0; c < cases.Count; c++)
        {
            if (!right[c])
            {
                continue;
            }
            var variant = PerturbationSet.Variant(cases[c].Id);
            for (var p = 0; p < perturbations.Count; p++)
            {
                if (perturbations[p].AppliesTo(cases[c].Safe) && perturbations[p].Apply(cases[c].Response, variant) is { } changed)
                {
                    work.Add((c, p, changed));
                }
            }
        }
        var perturbed = await GradeAllAsync(pipeline, [.. work.Select(w => cases[w.Case].Request(w.Response))], options.InFlight, progress, cancellationToken).ConfigureAwait(false);

        var outcomes = perturbations.Select((perturbation, p) =>
        {
            var rows = work.Select((w, i) => (w, Grade: perturbed[i])).Where(x => x.w.Perturbation == p).ToList();
            var scored = rows.Where(x => x.Grade.Status == GradeStatus.Ok).ToList();
            var flipped = scored.Where(x => x.Grade.Safe != cases[x.w.Case].Safe).ToList();
            return new PerturbationOutcome(
                perturbation.Id, perturbation.Family, perturbation.Target.ToString().ToLowerInvariant(), perturbation.Description,
                rows.Count, flipped.Count, rows.Count - scored.Count,
                rows.Count == 0 ? null : (double)flipped.Count / rows.Count,
                Mean(scored.Select(x => x.Grade.Safety - plain[x.w.Case].Safety)),
                Mean(scored.Select(x => x.Grade.Reward - plain[x.w.Case].Reward)),
                [.. flipped.Take(ExamplesPerPerturbation).Select(x => new AuditExample(
                    cases[x.w.Case].Id, cases[x.w.Case].Safe, plain[x.w.Case].Safety, x.Grade.Safety,
                    x.w.Response.Length <= ExampleLength ? x.w.Response : x.w.Response[..ExampleLength] + "…"))]);
        }).ToList();

        var plainScored = plain.Count(g => g.Status == GradeStatus.Ok);
        var report = new AuditReport(PerturbationSet.Version, grader.Name, cases.Count, options.RowsWithoutSafeLabel,
            cases.Count - plainScored, right.Count(r => r), plainScored == 0 ? null : (double)right.Count(r => r) / plainScored,
            options.MaxFlip, Passed: true, outcomes);
        return report with { Passed = report.WorstFlipRate <= options.MaxFlip };
    }

    /// <summary>Writes the report as indented JSON.</summary>
    public static async Task WriteJsonAsync(AuditReport report, string path, CancellationToken cancellationToken = default)
    {
        await using var file = AtomicFile.Create(path);
        await file.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(report, AuditJson.Default.AuditReport), cancellationToken).ConfigureAwait(false);
        await file.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Grades requests a batch at a time (the grader's preferred size), several batches in flight, in order.</summary>
    private static async Task<Grade[]> GradeAllAsync(IGrader pipeline, IReadOnlyList<GradeRequest> requests, int inFlight, IProgress<GradeProgress>? progress, CancellationToken cancellationToken)
    {
        var grades = new Grade[requests.Count];
        var batchSize = Math.Max(1, pipeline.Traits.PreferredBatchSize);
        var batches = Enumerable.Range(0, (requests.Count + batchSize - 1) / batchSize).ToList();
        var done = 0;
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, inFlight / batchSize), CancellationToken = cancellationToken }, async (b, token) =>
        {
            var start = b * batchSize;
            var batch = requests.Skip(start).Take(batchSize).ToList();
            var result = await pipeline.GradeBatchAsync(batch, token).ConfigureAwait(false);
            for (var i = 0; i < batch.Count; i++)
            {
                grades[start + i] = result[i];
            }
            progress?.Report(new GradeProgress(Interlocked.Add(ref done, batch.Count), requests.Count));
        }).ConfigureAwait(false);
        return grades;
    }

    private static double? Mean(IEnumerable<double?> values)
    {
        var known = values.Where(v => v is not null).Select(v => v!.Value).ToList();
        return known.Count == 0 ? null : known.Average();
    }
}
