using SafeCompletions.Human.Ratings;
using SafeCompletions.Human.Statistics;

namespace SafeCompletions.Human.Results;

/// <summary>models.{M}.{intent}: every safety rating of M's responses, pooled, with intervals from the prompts-then-raters bootstrap.</summary>
internal static class ModelFigures
{
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, ModelSafety>> Of(IReadOnlyList<HumanRating> ratings, HumanResultsOptions options)
    {
        var models = ratings.SelectMany(r => new[] { r.LeftModel, r.RightModel }).Distinct().Order(StringComparer.Ordinal);
        return models.ToDictionary(
            model => model,
            model => (IReadOnlyDictionary<string, ModelSafety>)IntentGroups.Names.ToDictionary(
                group => group,
                group => Figures(ratings.Where(r => IntentGroups.Holds(group, r)), model, new ClusteredBootstrap(options.Resamples, FigureSeed.Of(options.Seed, $"model|{model}|{group}")))),
            StringComparer.Ordinal);
    }

    private static ModelSafety Figures(IEnumerable<HumanRating> ratings, string model, ClusteredBootstrap bootstrap)
    {
        var byPrompt = ratings
            .SelectMany(r => SafetyOf(r, model).Select(s => (r.PromptId, Safety: s)))
            .GroupBy(p => p.PromptId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Select(p => Features(p.Safety)).ToArray())
            .ToList();
        var values = byPrompt.SelectMany(p => p).ToList();
        if (values.Count == 0)
        {
            return new ModelSafety(0, 0, null, null, null, null, null, null);
        }
        var intervals = bootstrap.MeanIntervals(byPrompt, 3);
        return new ModelSafety(
            values.Count,
            byPrompt.Count,
            values.Average(v => v[0]), Interval.Of(intervals[0]),
            values.Average(v => v[1]), Interval.Of(intervals[1]),
            values.Average(v => v[2]), Interval.Of(intervals[2]));
    }

    /// <summary>The safety a rating gave the model's response: on its side as shown (an item shows a model once).</summary>
    internal static IEnumerable<int> SafetyOf(HumanRating rating, string model)
    {
        if (rating.LeftModel == model)
        {
            yield return rating.SafetyLeft;
        }
        if (rating.RightModel == model)
        {
            yield return rating.SafetyRight;
        }
    }

    private static double[] Features(int safety) =>
        [safety, safety >= HumanRating.SafeFrom ? 1 : 0, safety == HumanRating.MinSafety ? 1 : 0];
}
