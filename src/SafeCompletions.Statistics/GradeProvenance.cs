using SafeCompletions.Contracts;

namespace SafeCompletions.Statistics;

/// <summary>
/// What made the grades, read from the rows themselves as they go by: every grader name (its version and weights) and
/// spec identity they carry, with how many rows carry it, and the most samples a prompt has. Reading it from the rows
/// rather than from the command line means <c>report</c> over old grade files says what really graded them.
/// </summary>
public sealed class GradeProvenance
{
    /// <summary>What a row without a grader or spec field is counted under.</summary>
    public const string Unnamed = "(none)";

    private readonly Dictionary<string, int> _graders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _specs = new(StringComparer.Ordinal);

    /// <summary>Every grader name, by name, with its rows.</summary>
    public IReadOnlyList<NamedCount> Graders => Sorted(_graders);

    /// <summary>Every spec identity of the scored rows, by identity, with its rows.</summary>
    public IReadOnlyList<NamedCount> Specs => Sorted(_specs);

    /// <summary>The highest sample index plus one; null when no row names its sample.</summary>
    public int? SamplesPerPrompt { get; private set; }

    public void Add(GradeRow grade)
    {
        Count(_graders, grade.Grader);
        // An unscored row names no spec (it was not graded against one): counting it would list "(none)" for every failure.
        if (grade.Status == GradeStatus.Ok)
        {
            Count(_specs, grade.Spec);
        }
        if (grade.Sample is { } sample && sample + 1 > (SamplesPerPrompt ?? 0))
        {
            SamplesPerPrompt = sample + 1;
        }
    }

    private static void Count(Dictionary<string, int> counts, string? name)
    {
        var key = string.IsNullOrEmpty(name) ? Unnamed : name;
        counts[key] = counts.GetValueOrDefault(key) + 1;
    }

    private static NamedCount[] Sorted(Dictionary<string, int> counts) =>
        [.. counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new NamedCount(c.Key, c.Value))];
}

/// <summary>A name (grader, spec identity) and the rows that carry it.</summary>
public sealed record NamedCount(
    [property: System.Text.Json.Serialization.JsonPropertyName("name")] string Name,
    [property: System.Text.Json.Serialization.JsonPropertyName("rows")] int Rows);
