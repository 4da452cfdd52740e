namespace SafeCompletions.Specs;

/// <summary>
/// The policy for one content category: front matter, the Markdown body a judge reads, its sections and labelled exemplars.
/// </summary>
public sealed record PolicySpec
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required int Version { get; init; }
    public string? Parent { get; init; }
    public string? Summary { get; init; }

    /// <summary>Where the spec came from: a path, or <c>bundled:specs/ID.md</c>.</summary>
    public required string Source { get; init; }

    /// <summary>The first 12 hex digits of the SHA-256 of the spec file's bytes.</summary>
    public required string Hash { get; init; }

    /// <summary>The Markdown after the front matter: what a judge is shown.</summary>
    public required string Body { get; init; }

    public required IReadOnlyList<SpecSection> Sections { get; init; }
    public required IReadOnlyList<SpecExemplar> Exemplars { get; init; }

    /// <summary>The identity written on every result: <c>id@version+sha256:hash</c>.</summary>
    public string Identity => $"{Id}@{Version}+sha256:{Hash}";

    /// <summary>The section with this heading (case-insensitive), or null.</summary>
    public SpecSection? Section(string heading) =>
        Sections.FirstOrDefault(s => string.Equals(s.Heading, heading, StringComparison.OrdinalIgnoreCase));
}
