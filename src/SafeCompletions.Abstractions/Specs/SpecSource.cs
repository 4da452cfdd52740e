namespace SafeCompletions.Specs;

/// <summary>The raw files of one spec: its Markdown and, when present, its exemplars.</summary>
public sealed record SpecSource(string Name, byte[] Markdown, string? ExemplarsName, byte[]? Exemplars);
