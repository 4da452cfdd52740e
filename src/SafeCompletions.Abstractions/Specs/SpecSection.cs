namespace SafeCompletions.Specs;

/// <summary>A headed part of a spec's Markdown: its heading, the line the heading stands on, and its text.</summary>
public sealed record SpecSection(string Heading, int Line, string Text, IReadOnlyList<SpecSection> Subsections);
