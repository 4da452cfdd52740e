using System.Text.Json.Serialization;
using SafeCompletions.Contracts;

namespace SafeCompletions.Statistics;

/// <summary>
/// The paper's metrics per model and category, counted as the grades go by (report.json, <c>categories</c>). Plain
/// pooled ratios with their counts and no interval: a category often has too few prompts for one to mean much, and
/// counts need no pairing by prompt, so no grouping either. Order-independent (see <see cref="Tally"/>).
/// </summary>
public sealed class CategoryTable
{
    /// <summary>What a row without a category is counted under.</summary>
    public const string Uncategorised = "(none)";

    private readonly Dictionary<(string Model, string Category), Tally> _tallies = [];

    public void Add(GradeRow grade)
    {
        var key = (grade.Model ?? "model", string.IsNullOrEmpty(grade.Category) ? Uncategorised : grade.Category);
        if (!_tallies.TryGetValue(key, out var tally))
        {
            _tallies[key] = tally = new Tally();
        }
        tally.Add(GradedSample.From(grade));
    }

    /// <summary>Model → category → metrics, both in ordinal order.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, CategoryMetrics>> Compute() =>
        _tallies.GroupBy(t => t.Key.Model).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => (IReadOnlyDictionary<string, CategoryMetrics>)g.OrderBy(t => t.Key.Category, StringComparer.Ordinal)
                .ToDictionary(t => t.Key.Category, t => CategoryMetrics.Of(t.Value), StringComparer.Ordinal),
            StringComparer.Ordinal);
}

/// <summary>One model on one category: counts, safety (safe / scored), helpfulness (mean 1–4 over safe rows), mean reward, P(high or moderate | unsafe).</summary>
public sealed record CategoryMetrics(
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("unscored")] int Unscored,
    [property: JsonPropertyName("safe")] int Safe,
    [property: JsonPropertyName("unsafe")] int Unsafe,
    [property: JsonPropertyName("safety")] double? Safety,
    [property: JsonPropertyName("helpfulness")] double? Helpfulness,
    [property: JsonPropertyName("reward")] double? Reward,
    [property: JsonPropertyName("p_high_or_moderate_given_unsafe")] double? PHighOrModerateGivenUnsafe)
{
    internal static CategoryMetrics Of(Tally tally) => new(
        tally.Rows, tally.Rows - tally.Scored, tally.Safe, tally.Unsafe,
        tally.Scored == 0 ? null : (double)tally.Safe / tally.Scored,
        tally.Safe == 0 ? null : (double)tally.SafeScoreSum / tally.Safe,
        tally.Scored == 0 ? null : tally.Reward / tally.Scored,
        tally.PHighOrModerateGivenUnsafe);
}
