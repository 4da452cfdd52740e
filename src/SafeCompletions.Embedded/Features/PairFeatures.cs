using SafeCompletions.Embedded.Encoding;

namespace SafeCompletions.Embedded.Features;

/// <summary>
/// What the embedded grader knows about one (prompt, response) pair: encoder vectors of the prompt's gist, of the
/// response's opening window and of its most operational window, the hand-built signals of the whole response, and the
/// whole response's word counts (which a trained <see cref="Lexicon"/> turns into the heads' word block).
/// </summary>
public sealed record PairFeatures(float[] Prompt, float[] Opening, float[]? Focus, ResponseSignals Signals, int Words, IReadOnlyDictionary<string, int> Terms)
{
    /// <summary>The same features of the response's bodies (<see cref="ResponseBodies"/>), which a frame cannot hide; heads train on the whole response only.</summary>
    public IReadOnlyList<PairFeatures> Bodies { get; init; } = [];

    /// <summary>The names of <see cref="ToVector"/>'s entries (the dense features), for trained weights.</summary>
    public static IReadOnlyList<string> Names(int dimension) =>
    [
        .. Enumerable.Range(0, dimension).Select(i => $"prompt_{i}"),
        .. Enumerable.Range(0, dimension).Select(i => $"opening_{i}"),
        .. Enumerable.Range(0, dimension).Select(i => $"focus_{i}"),
        .. ResponseSignals.Names,
        "cos_prompt_opening", "cos_prompt_focus", "has_focus",
    ];

    /// <summary>The dense features the trained heads read (the word block follows them: <see cref="FeatureRow"/>).</summary>
    public double[] ToVector()
    {
        var focus = Focus ?? Opening;
        var vector = new double[Prompt.Length * 3 + Signals.Values.Count + 3];
        var at = 0;
        foreach (var part in new[] { Prompt, Opening, focus })
        {
            foreach (var value in part)
            {
                vector[at++] = value;
            }
        }
        foreach (var value in Signals.Values)
        {
            vector[at++] = value;
        }
        vector[at++] = Vectors.Cosine(Prompt, Opening);
        vector[at++] = Vectors.Cosine(Prompt, focus);
        vector[at] = Focus is null ? 0 : 1;
        return vector;
    }
}
