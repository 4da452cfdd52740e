using System.Security.Cryptography;
using SafeCompletions.Contracts;
using SafeCompletions.Embedded.Encoding;
using SafeCompletions.Embedded.Features;
using SafeCompletions.Embedded.Model;
using SafeCompletions.Specs;

namespace SafeCompletions.Embedded.Fitting;

/// <summary>
/// Held-out grades for labelled rows: k-fold cross-validation split by prompt (all rows of one <c>prompt_id</c> fall in
/// the same fold, chosen by its SHA-256), each fold graded by the whole grader (heads, exemplars, composition) with
/// heads trained on the other folds plus the rows that always train (the specs' exemplars). So every grade is of a row
/// the heads never saw, and a prompt's other completions cannot leak its answer.
/// </summary>
public static class CrossValidation
{
    /// <summary>The seed of the n-th split (from 0): empty for the first, the committed split.</summary>
    public static string SplitSeed(int split) => split == 0 ? "" : $"split{split + 1}";

    /// <summary>
    /// The fold of a prompt: the first byte of SHA-256 of its id, modulo the folds. A non-empty <paramref name="splitSeed"/>
    /// is hashed in front of the id, giving another split of the same rows; on small sets a figure moves by a few points
    /// from split to split, so a bench can report its spread rather than one split's luck.
    /// </summary>
    public static int FoldOf(string? group, int folds, string splitSeed = "") =>
        SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(splitSeed.Length == 0 ? group ?? "" : $"{splitSeed}\n{group}"))[0] % folds;

    /// <summary>
    /// The held-out grade of every example, in the examples' order; <paramref name="fit"/> trains one fold's heads and
    /// <paramref name="splitSeed"/> chooses the split (see <see cref="FoldOf"/>).
    /// </summary>
    public static async Task<Grade[]> GradeHeldOutAsync(
        ITextEncoder encoder, SpecCatalog catalog, IReadOnlyList<FittingExample> examples, IReadOnlyList<FittingExample> alwaysTrain, int folds,
        Func<IReadOnlyList<FittingExample>, FittedHeads> fit, IProgress<int>? foldsDone = null, string splitSeed = "")
    {
        var grades = new Grade[examples.Count];
        await foreach (var fold in FoldsAsync(encoder, catalog, examples, alwaysTrain, folds, fit, splitSeed).ConfigureAwait(false))
        {
            foreach (var i in fold.HeldOut)
            {
                var category = fold.Exemplars.InferCategory(examples[i].Features);
                grades[i] = fold.Grader.Score(examples[i].Features, category, true, catalog.Get(category), fold.Exemplars);
            }
            foldsDone?.Report(fold.Number);
        }
        return grades;
    }

    /// <summary>
    /// Each fold's whole grader (heads trained on the other folds and <paramref name="alwaysTrain"/>) with the indices of
    /// the examples it holds out, one fold at a time: for held-out figures that need the grader itself, such as an audit
    /// of perturbed copies of rows it never saw.
    /// </summary>
    public static async IAsyncEnumerable<HeldOutFold> FoldsAsync(
        ITextEncoder encoder, SpecCatalog catalog, IReadOnlyList<FittingExample> examples, IReadOnlyList<FittingExample> alwaysTrain, int folds,
        Func<IReadOnlyList<FittingExample>, FittedHeads> fit, string splitSeed = "")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        // Each example's fold, hashed once rather than twice per fold.
        var foldOf = examples.Select(e => FoldOf(e.Group, folds, splitSeed)).ToArray();
        for (var fold = 0; fold < folds; fold++)
        {
            var train = examples.Where((_, i) => foldOf[i] != fold).Concat(alwaysTrain).ToList();
            var fitted = fit(train);
            var weights = new GraderWeights(GraderWeights.CurrentFormat, encoder.Name, PairFeatures.Names(encoder.Dimension), fitted.Compliance, fitted.Safety,
                new TrainingRecord($"cross-validation fold {fold + 1} of {folds}", [], [], train.Count, fitted.ComplianceRows, fitted.SafetyRows, 0, 0, 0), fitted.Lexicon);
            var grader = new EmbeddedGrader(encoder, catalog, weights);
            var index = await grader.ExemplarsAsync().ConfigureAwait(false);
            yield return new HeldOutFold(fold + 1, grader, index, [.. Enumerable.Range(0, examples.Count).Where(i => foldOf[i] == fold)]);
        }
    }

    /// <summary>
    /// Agreement of held-out grades with the labels, per source: compliance 3-way (direct ↔ full, safe_completion ↔
    /// partial, either refusal ↔ refusal) and safe vs unsafe.
    /// </summary>
    public static IReadOnlyList<HeldOutAgreement> Agreement(IReadOnlyList<FittingExample> examples, IReadOnlyList<Grade> grades) =>
    [
        .. examples.Select((e, i) => (Example: e, Grade: grades[i]))
            .GroupBy(x => x.Example.Source, StringComparer.Ordinal)
            .Select(g => new HeldOutAgreement(
                g.Key,
                g.Count(x => x.Example.Compliance is { } c && x.Grade.Mode is { } m && GraderFitter.ComplianceOf(m) == c),
                g.Count(x => x.Example.Compliance is not null),
                g.Count(x => x.Example.Safe is { } s && x.Grade.Safe == s),
                g.Count(x => x.Example.Safe is not null))),
    ];
}
