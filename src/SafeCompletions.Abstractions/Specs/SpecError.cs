namespace SafeCompletions.Specs;

/// <summary>A problem in a spec or its exemplars: the file, the 1-based line (0 for the whole file), the field and what is wrong.</summary>
public sealed record SpecError(string File, int Line, string Field, string Message)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}: {Field}: {Message}" : $"{File}: {Field}: {Message}";
}
