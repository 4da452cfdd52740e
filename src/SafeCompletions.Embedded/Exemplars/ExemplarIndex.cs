using SafeCompletions.Embedded.Encoding;
using SafeCompletions.Embedded.Features;
using SafeCompletions.Specs;

namespace SafeCompletions.Embedded.Exemplars;

/// <summary>
/// The specs' exemplars, encoded once: used to infer a category (which spec's exemplar prompts the request is
/// nearest) and to let exemplars steer verdicts on pairs close to them. Adding a category or changing exemplars
/// changes the grader with no code change.
/// </summary>
public sealed class ExemplarIndex
{
    private readonly IReadOnlyList<(string Category, int Number, SpecExemplar Exemplar, PairFeatures Features)> _entries;

    private ExemplarIndex(IReadOnlyList<(string, int, SpecExemplar, PairFeatures)> entries) => _entries = entries;

    public int Count => _entries.Count;

    public static async Task<ExemplarIndex> BuildAsync(SpecCatalog catalog, PairFeatureExtractor extractor, CancellationToken cancellationToken = default)
    {
        var items = catalog.All.SelectMany(spec => spec.Exemplars.Select((e, i) => (spec.Id, Number: i + 1, Exemplar: e))).ToList();
        var features = await Task.WhenAll(items.Select(item =>
            extractor.ExtractAsync([new Contracts.ChatTurn("user", item.Exemplar.Prompt!)], item.Exemplar.Response!, cancellationToken, asWritten: true))).ConfigureAwait(false);
        return new ExemplarIndex([.. items.Select((item, i) => (item.Id, item.Number, item.Exemplar, features[i]))]);
    }

    /// <summary>The category whose exemplar prompts are nearest: the mean of its three most similar prompts.</summary>
    public string InferCategory(PairFeatures pair) =>
        _entries.GroupBy(e => e.Category)
            .Select(g => (Category: g.Key, Score: g.Select(e => Vectors.Cosine(pair.Prompt, e.Features.Prompt)).OrderDescending().Take(3).Average()))
            .OrderByDescending(c => c.Score)
            .ThenBy(c => c.Category, StringComparer.Ordinal)
            .First().Category;

    /// <summary>The <paramref name="count"/> exemplars of a category nearest the pair.</summary>
    public IReadOnlyList<ExemplarMatch> Nearest(string category, PairFeatures pair, int count = 3) =>
    [
        .. _entries.Where(e => e.Category == category)
            .Select(e => new ExemplarMatch(e.Category, e.Number, e.Exemplar,
                0.5 * Vectors.Cosine(pair.Prompt, e.Features.Prompt) + 0.5 * Vectors.Cosine(pair.Opening, e.Features.Opening)))
            .OrderByDescending(m => m.Similarity)
            .ThenBy(m => m.Number)
            .Take(count),
    ];
}
