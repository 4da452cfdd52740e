using System.Text.RegularExpressions;
using SafeCompletions.Contracts;
using SafeCompletions.Specs;

namespace SafeCompletions.Grading;

/// <summary>
/// Infers a category from the words of the user's turns, by TF-IDF cosine similarity to each spec's
/// exemplar prompts, title and summary. It learns from the specs alone, so a category a user adds is
/// recognised with no code change. (The embedded grader brings a sentence-encoder classifier.)
/// </summary>
public sealed partial class LexicalCategoryClassifier : ICategoryClassifier
{
    private static readonly HashSet<string> StopWords =
    [
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "can", "could", "do", "does", "for", "from", "get", "have",
        "how", "i", "if", "in", "into", "is", "it", "its", "me", "my", "of", "on", "or", "our", "so", "some", "that", "the",
        "their", "them", "there", "they", "this", "to", "was", "we", "what", "when", "where", "which", "who", "why", "will",
        "with", "would", "you", "your", "about", "any", "tell", "give", "want", "need", "should", "just", "like", "make",
    ];

    private readonly IReadOnlyList<(string Id, Dictionary<string, double> Vector)> _centroids;
    private readonly Dictionary<string, double> _idf;
    private readonly string _fallback;

    public LexicalCategoryClassifier(SpecCatalog catalog)
    {
        var documents = catalog.All.Select(spec => (spec.Id, Text: string.Join(' ',
            spec.Exemplars.Select(e => e.Prompt).Prepend(spec.Title).Prepend(spec.Summary ?? "").Prepend(spec.Id.Replace('_', ' '))))).ToList();
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var term in documents.SelectMany(d => Tokens(d.Text).Distinct()))
        {
            documentFrequency[term] = documentFrequency.GetValueOrDefault(term) + 1;
        }
        _idf = documentFrequency.ToDictionary(kv => kv.Key, kv => Math.Log((1.0 + documents.Count) / (1.0 + kv.Value)) + 1.0, StringComparer.Ordinal);
        _centroids = [.. documents.Select(d => (d.Id, Vector(d.Text)))];
        _fallback = catalog.Find("illicit")?.Id ?? catalog.All[0].Id;
    }

    /// <inheritdoc/>
    public string Classify(IReadOnlyList<ChatTurn> conversation)
    {
        var query = Vector(string.Join(' ', conversation.Where(t => t.Role == "user").Select(t => t.Content)));
        var best = _centroids
            .Select(c => (c.Id, Score: Cosine(query, c.Vector)))
            .OrderByDescending(c => c.Score)
            .ThenBy(c => c.Id, StringComparer.Ordinal)
            .First();
        return best.Score > 0 ? best.Id : _fallback;
    }

    private Dictionary<string, double> Vector(string text)
    {
        var vector = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var term in Tokens(text))
        {
            if (_idf.ContainsKey(term))
            {
                vector[term] = vector.GetValueOrDefault(term) + 1;
            }
        }
        foreach (var term in vector.Keys.ToList())
        {
            vector[term] = (1 + Math.Log(vector[term])) * _idf[term];
        }
        return vector;
    }

    private static double Cosine(Dictionary<string, double> a, Dictionary<string, double> b)
    {
        double dot = 0, na = 0, nb = 0;
        foreach (var (term, weight) in a)
        {
            na += weight * weight;
            if (b.TryGetValue(term, out var other))
            {
                dot += weight * other;
            }
        }
        foreach (var weight in b.Values)
        {
            nb += weight * weight;
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }

    private static IEnumerable<string> Tokens(string text) =>
        WordPattern().Matches(text.ToLowerInvariant())
            .Select(m => Stem(m.Value))
            .Where(t => t.Length > 2 && !StopWords.Contains(t));

    /// <summary>A light suffix strip so "hacking", "hacked" and "hacks" meet.</summary>
    private static string Stem(string word) =>
        word.Length > 5 && word.EndsWith("ing", StringComparison.Ordinal) ? word[..^3]
        : word.Length > 4 && word.EndsWith("ed", StringComparison.Ordinal) ? word[..^2]
        : word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) ? word[..^1]
        : word;

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();
}
