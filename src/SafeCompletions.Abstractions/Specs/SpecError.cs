namespace SafeCompletions.Specs;

/// <summary>
/// A problem in a spec or its exemplars: the file, the 1-based line (0 for the whole file), the field and what is wrong;
/// and the 1-based column when the problem is at a point of the line (a YAML error), so an editor can jump to it.
/// </summary>
public sealed record SpecError(string File, int Line, string Field, string Message, int Column = 0)
{
    public override string ToString() =>
        Line <= 0 ? $"{File}: {Field}: {Message}"
        : Column > 0 ? $"{File}:{Line}:{Column}: {Field}: {Message}"
        : $"{File}:{Line}: {Field}: {Message}";
}
