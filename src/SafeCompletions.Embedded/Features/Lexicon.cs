using System.Text.Json.Serialization;

namespace SafeCompletions.Embedded.Features;

/// <summary>
/// The response's words as the trained heads read them. The vocabulary is fixed at training: every word found in at
/// least <see cref="MinDocuments"/> training responses, with its inverse document frequency. A response becomes its
/// sublinear tf-idf vector over that vocabulary (1 + ln count, times idf), L2-normalised and scaled by
/// <see cref="Weight"/>, which sets how loudly words speak next to the standardised encoder features.
/// Words carry what a 384-d window embedding blurs: the topic's own vocabulary, stance words, the phrasing of
/// fiction and of persuasion (cross-validated gain in docs/embedded-grader.md).
/// </summary>
public sealed class Lexicon(IReadOnlyList<string> words, double[] idf, double weight, int minDocuments)
{
    public const int DefaultMinDocuments = 2;
    public const double DefaultWeight = 15;

    private readonly Lazy<Dictionary<string, int>> _index = new(() => words.Select((w, i) => (w, i)).ToDictionary(x => x.w, x => x.i, StringComparer.Ordinal));

    [JsonPropertyName("words")] public IReadOnlyList<string> Words { get; } = words;

    [JsonPropertyName("idf")] public double[] Idf { get; } = idf;

    [JsonPropertyName("weight")] public double Weight { get; } = weight;

    [JsonPropertyName("min_documents")] public int MinDocuments { get; } = minDocuments;

    /// <summary>Builds the vocabulary from training responses' word counts (idf smoothed as scikit-learn's).</summary>
    public static Lexicon Build(IReadOnlyList<IReadOnlyDictionary<string, int>> documents, int minDocuments = DefaultMinDocuments, double weight = DefaultWeight)
    {
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            foreach (var word in document.Keys)
            {
                frequency[word] = frequency.GetValueOrDefault(word) + 1;
            }
        }
        var words = frequency.Where(f => f.Value >= minDocuments).Select(f => f.Key).Order(StringComparer.Ordinal).ToList();
        var idf = words.Select(w => Math.Log((1.0 + documents.Count) / (1.0 + frequency[w])) + 1).ToArray();
        return new Lexicon(words, idf, weight, minDocuments);
    }

    /// <summary>The response's entries (vocabulary index, value), in index order; words outside the vocabulary are dropped.</summary>
    public (int[] Indices, double[] Values) Vector(IReadOnlyDictionary<string, int> terms)
    {
        var index = _index.Value;
        var entries = new List<(int Index, double Value)>(terms.Count);
        foreach (var (word, count) in terms)
        {
            if (index.TryGetValue(word, out var i))
            {
                entries.Add((i, (1 + Math.Log(count)) * Idf[i]));
            }
        }
        entries.Sort((a, b) => a.Index.CompareTo(b.Index));
        var norm = Math.Sqrt(entries.Sum(e => e.Value * e.Value));
        var scale = norm == 0 ? 0 : Weight / norm;
        return ([.. entries.Select(e => e.Index)], [.. entries.Select(e => e.Value * scale)]);
    }
}
