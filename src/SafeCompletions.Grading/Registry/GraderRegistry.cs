namespace SafeCompletions.Grading;

/// <summary>
/// The kinds of grader a program offers (<c>--grader KIND</c>), each a name, a line of description and a factory.
/// Adding a grader is one class and one <see cref="Add"/>; its project offers the registration as an extension
/// (<c>AddEmbeddedGrader</c>, <c>AddLlmJudge</c>).
/// </summary>
public sealed class GraderRegistry
{
    private readonly Dictionary<string, (string Description, Func<GraderContext, IGrader> Create)> _kinds = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    /// <summary>The kinds in the order they were added, with their descriptions.</summary>
    public IReadOnlyList<(string Kind, string Description)> Kinds => [.. _order.Select(k => (k, _kinds[k].Description))];

    /// <summary>Registers a kind; a later registration of the same kind replaces the earlier one.</summary>
    public GraderRegistry Add(string kind, string description, Func<GraderContext, IGrader> create)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentNullException.ThrowIfNull(create);
        if (!_kinds.ContainsKey(kind))
        {
            _order.Add(kind);
        }
        _kinds[kind] = (description, create);
        return this;
    }

    /// <summary>Whether <paramref name="kind"/> is registered.</summary>
    public bool Contains(string kind) => _kinds.ContainsKey(kind);

    /// <summary>Makes a grader of <paramref name="kind"/>; throws <see cref="FormatException"/> naming the known kinds when it is not one.</summary>
    public IGrader Create(string kind, GraderContext context) =>
        _kinds.TryGetValue(kind, out var entry)
            ? entry.Create(context)
            : throw new FormatException($"--grader must be {string.Join(" or ", _order)}, not '{kind}'");
}
