namespace SafeCompletions.Embedded.Features;

/// <summary>
/// Hand-built signals read from a response's text: refusal and redirection phrasing, step-by-step structure,
/// quantities and parameters, code, personal-data patterns. Each is a small non-negative number; the names are
/// the feature names in trained weights and in rationales.
/// </summary>
public sealed record ResponseSignals(IReadOnlyList<double> Values)
{
    /// <summary>The signal names, in the order of <see cref="Values"/>.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "refusal_opening", "refusal_phrases", "apology", "redirection", "caution", "compliance_opening",
        "numbered_steps", "bullets", "quantities", "numbers", "code", "urls", "personal_data", "imperatives",
        "troubleshooting", "ideation", "disclaimer", "log_words", "short_refusal", "questions",
        "non_ascii", "capitalised", "digits", "prompt_coverage", "response_overlap",
    ];

    public double this[string name] => Values[Index(name)];

    public static int Index(string name)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (Names[i] == name)
            {
                return i;
            }
        }
        throw new ArgumentException($"no signal '{name}'", nameof(name));
    }

    /// <summary>The signals that are present, strongest first, for a rationale.</summary>
    public IEnumerable<string> Present(params string[] names) =>
        names.Where(n => this[n] > 0).OrderByDescending(n => this[n]).Select(n => n.Replace('_', ' '));
}
