using SafeCompletions.Human.Ratings;

namespace SafeCompletions.Human.Results;

/// <summary>
/// The ratings the figures are computed from, and what was set aside: a rater's repeated rating of one item (the last
/// is kept), gold items (which measure the raters instead), and raters below the minimum gold accuracy.
/// </summary>
internal sealed class RatingSelection
{
    public required IReadOnlyList<HumanRating> Counted { get; init; }

    public required IReadOnlyList<HumanRating> Gold { get; init; }

    public required IReadOnlyList<Exclusion> Exclusions { get; init; }

    public required IReadOnlyDictionary<string, (int Checks, int Right)> GoldByRater { get; init; }

    public required IReadOnlySet<string> ExcludedRaters { get; init; }

    public static RatingSelection Of(IReadOnlyList<HumanRating> all, double? minGoldAccuracy)
    {
        var latest = new Dictionary<(string Rater, string Item), HumanRating>();
        foreach (var rating in all)
        {
            latest[(rating.Rater, rating.Item)] = rating;
        }
        var unique = latest.Values.ToList();
        var exclusions = new List<Exclusion>();
        if (all.Count > unique.Count)
        {
            exclusions.Add(new Exclusion("a rater rated the same item again: only the last rating counts", all.Count - unique.Count));
        }
        var gold = unique.Where(r => r.Gold is not null).ToList();
        if (gold.Count > 0)
        {
            exclusions.Add(new Exclusion("gold (attention-check) items: they measure the raters and count in no other figure", gold.Count));
        }
        var goldByRater = gold.GroupBy(r => r.Rater, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => g.Aggregate((Checks: 0, Right: 0), (sum, r) => Add(sum, GoldChecks.Of(r))),
            StringComparer.Ordinal);
        var excluded = new HashSet<string>(StringComparer.Ordinal);
        if (minGoldAccuracy is { } minimum)
        {
            foreach (var (rater, (checks, right)) in goldByRater.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (checks > 0 && (double)right / checks < minimum)
                {
                    excluded.Add(rater);
                    var count = unique.Count(r => r.Gold is null && r.Rater == rater);
                    exclusions.Add(new Exclusion($"rater '{rater}': gold accuracy {(double)right / checks:0.###} is below {minimum:0.###}", count));
                }
            }
        }
        return new RatingSelection
        {
            Counted = [.. unique.Where(r => r.Gold is null && !excluded.Contains(r.Rater))],
            Gold = gold,
            Exclusions = exclusions,
            GoldByRater = goldByRater,
            ExcludedRaters = excluded,
        };
    }

    private static (int, int) Add((int Checks, int Right) sum, (int Checks, int Right) more) => (sum.Checks + more.Checks, sum.Right + more.Right);
}
