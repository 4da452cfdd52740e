namespace SafeCompletions.Jsonl;

/// <summary>Why one line of an input file cannot be used: the file, the 1-based line, the field and what is wrong.</summary>
public sealed record RowError(string File, int Line, string Field, string Message)
{
    public override string ToString() => $"{File}:{Line}: field '{Field}': {Message}";
}
