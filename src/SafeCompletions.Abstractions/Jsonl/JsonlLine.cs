namespace SafeCompletions.Jsonl;

/// <summary>One non-blank line of a JSON Lines file: the row it holds, or why it holds none.</summary>
public sealed record JsonlLine<T>(int LineNumber, T? Row, RowError? Error) where T : class
{
    public bool IsValid => Error is null;
}
