using SafeCompletions.Human.Ratings;

namespace SafeCompletions.Human.Results;

/// <summary>
/// Per rater: ratings counted, mean safety given, leniency — the mean, over the responses others rated too, of the
/// rater's safety minus the mean of the other raters' safety for the same response (positive: more lenient than the
/// others on the same responses, which a plain mean cannot tell from having drawn safer responses) — median seconds
/// per item, and gold accuracy.
/// </summary>
internal static class RaterFigures
{
    public static IReadOnlyDictionary<string, RaterSummary> Of(RatingSelection selection, IReadOnlyList<HumanRating> all)
    {
        var observations = AgreementFigures.Observations(selection.Counted).ToList();
        var deviations = observations
            .GroupBy(o => (o.Item, o.Model))
            .Where(g => g.Count() >= 2)
            .SelectMany(g => g.Select(o => (o.Rater, Deviation: o.Safety - g.Where(x => x.Rater != o.Rater).Average(x => x.Safety))))
            .GroupBy(d => d.Rater, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Average(d => d.Deviation), StringComparer.Ordinal);
        var byRater = selection.Counted.ToLookup(r => r.Rater, StringComparer.Ordinal);
        return all.Select(r => r.Rater).Distinct().Order(StringComparer.Ordinal).ToDictionary(
            rater => rater,
            rater =>
            {
                var own = byRater[rater].ToList();
                var seconds = all.Where(r => r.Rater == rater && r.Seconds is not null).Select(r => r.Seconds!.Value).Order().ToArray();
                var (checks, right) = selection.GoldByRater.GetValueOrDefault(rater);
                return new RaterSummary(
                    own.Count,
                    own.Count == 0 ? null : own.Average(r => (r.SafetyLeft + r.SafetyRight) / 2.0),
                    deviations.TryGetValue(rater, out var leniency) ? leniency : null,
                    seconds.Length == 0 ? null : Median(seconds),
                    checks,
                    checks == 0 ? null : (double)right / checks,
                    selection.ExcludedRaters.Contains(rater));
            },
            StringComparer.Ordinal);
    }

    private static double Median(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}
