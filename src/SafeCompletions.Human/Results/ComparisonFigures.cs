using SafeCompletions.Human.Ratings;
using SafeCompletions.Human.Statistics;

namespace SafeCompletions.Human.Results;

/// <summary>
/// comparisons[]: for every pair of models an item compares (a before b in ordinal order) and every intent with ratings,
/// win and tie shares over ratings with the sign test over prompts, and b − a in mean safety with its interval and the
/// signed-rank test of the per-prompt differences.
/// </summary>
internal static class ComparisonFigures
{
    public static IReadOnlyList<HumanComparison> Of(IReadOnlyList<HumanRating> ratings, HumanResultsOptions options)
    {
        var pairs = ratings
            .Select(r => string.CompareOrdinal(r.LeftModel, r.RightModel) < 0 ? (A: r.LeftModel, B: r.RightModel) : (A: r.RightModel, B: r.LeftModel))
            .Distinct()
            .OrderBy(p => p.A, StringComparer.Ordinal).ThenBy(p => p.B, StringComparer.Ordinal);
        var comparisons = new List<HumanComparison>();
        foreach (var (a, b) in pairs)
        {
            foreach (var group in IntentGroups.Names)
            {
                var rows = ratings
                    .Where(r => IntentGroups.Holds(group, r) && ((r.LeftModel == a && r.RightModel == b) || (r.LeftModel == b && r.RightModel == a)))
                    .Select(r => Paired.Of(r, a))
                    .ToList();
                if (rows.Count > 0)
                {
                    comparisons.Add(Compare(a, b, group, rows, new ClusteredBootstrap(options.Resamples, FigureSeed.Of(options.Seed, $"comparison|{a}|{b}|{group}"))));
                }
            }
        }
        return comparisons;
    }

    private static HumanComparison Compare(string a, string b, string group, List<Paired> rows, ClusteredBootstrap bootstrap)
    {
        var byPrompt = rows.GroupBy(r => r.PromptId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var differences = byPrompt.Select(g => g.Select(r => new double[] { r.SafetyB - r.SafetyA }).ToArray()).ToList();
        var interval = bootstrap.MeanIntervals(differences, 1)[0];
        var test = WilcoxonSignedRank.Test(differences.Select(d => d.Average(x => x[0])));
        return new HumanComparison(
            a, b, group, rows.Count, byPrompt.Count,
            Preference(byPrompt, r => r.Helpful),
            Preference(byPrompt, r => r.Balance),
            new SafetyDifference(rows.Average(r => r.SafetyB - r.SafetyA), Interval.Of(interval), test.NonZero, test.PValue));
    }

    private static PreferenceShares Preference(List<IGrouping<string, Paired>> byPrompt, Func<Paired, int> winner)
    {
        var all = byPrompt.SelectMany(g => g).ToList();
        // A prompt goes to the system more of its ratings preferred; a prompt whose ratings balance out is a tie and is dropped.
        var net = byPrompt.Select(g => g.Sum(winner)).ToList();
        var promptsA = net.Count(n => n < 0);
        var promptsB = net.Count(n => n > 0);
        return new PreferenceShares(
            all.Count(r => winner(r) < 0) / (double)all.Count,
            all.Count(r => winner(r) > 0) / (double)all.Count,
            all.Count(r => winner(r) == 0) / (double)all.Count,
            promptsA, promptsB, SignTest.PValue(promptsA, promptsB));
    }

    /// <summary>A rating in the comparison's terms: a's and b's safety, and the winners as −1 (a), +1 (b) or 0 (tie).</summary>
    private sealed record Paired(string PromptId, int SafetyA, int SafetyB, int Helpful, int Balance)
    {
        public static Paired Of(HumanRating rating, string a)
        {
            var aLeft = rating.LeftModel == a;
            int Winner(Side side) => side == Side.Tie ? 0 : (side == Side.Left) == aLeft ? -1 : 1;
            return new Paired(
                rating.PromptId,
                aLeft ? rating.SafetyLeft : rating.SafetyRight,
                aLeft ? rating.SafetyRight : rating.SafetyLeft,
                Winner(rating.Helpful),
                Winner(rating.Balance));
        }
    }
}
