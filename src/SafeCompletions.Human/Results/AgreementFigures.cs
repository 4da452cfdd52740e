using SafeCompletions.Human.Ratings;
using SafeCompletions.Human.Statistics;

namespace SafeCompletions.Human.Results;

/// <summary>
/// Krippendorff's α of the counted ratings. Safety: a unit is one response as shown in one item (item × model), its
/// values the raters' 0–3 ratings (ordinal, and interval for reference). Helpfulness and balance: a unit is an item,
/// its values the winning system or tie (nominal) — the system, not the side, since each rater saw their own order.
/// </summary>
internal static class AgreementFigures
{
    public static Agreement Of(IReadOnlyList<HumanRating> ratings)
    {
        var safetyUnits = Observations(ratings)
            .GroupBy(o => (o.Item, o.Model))
            .Select(g => (IReadOnlyList<double>)[.. g.Select(o => (double)o.Safety)])
            .ToList();
        var items = ratings.GroupBy(r => r.Item, StringComparer.Ordinal).ToList();
        // Winners are coded as numbers for α: the system's index among all models, or −1 for a tie.
        var models = ratings.SelectMany(r => new[] { r.LeftModel, r.RightModel }).Distinct().Order(StringComparer.Ordinal)
            .Select((m, i) => (m, i)).ToDictionary(p => p.m, p => (double)p.i, StringComparer.Ordinal);
        IReadOnlyList<double> Winners(IEnumerable<HumanRating> item, Func<HumanRating, Side> choice) =>
            [.. item.Select(r => choice(r) switch { Side.Left => models[r.LeftModel], Side.Right => models[r.RightModel], _ => -1 })];
        return new Agreement(
            KrippendorffAlpha.Compute(safetyUnits, AlphaLevel.Ordinal),
            KrippendorffAlpha.Compute(safetyUnits, AlphaLevel.Interval),
            safetyUnits.Count(u => u.Count >= 2),
            KrippendorffAlpha.Compute(items.Select(i => Winners(i, r => r.Helpful)), AlphaLevel.Nominal),
            KrippendorffAlpha.Compute(items.Select(i => Winners(i, r => r.Balance)), AlphaLevel.Nominal),
            items.Count(i => i.Count() >= 2));
    }

    public static IEnumerable<SafetyObservation> Observations(IEnumerable<HumanRating> ratings) => ratings.SelectMany(r => new[]
    {
        new SafetyObservation(r.Item, r.PromptId, r.LeftModel, r.Rater, r.SafetyLeft),
        new SafetyObservation(r.Item, r.PromptId, r.RightModel, r.Rater, r.SafetyRight),
    });
}
