namespace SafeCompletions.Jsonl;

/// <summary>Input that cannot be used at all: the command stops with exit 2 and this message.</summary>
public sealed class InvalidInputException(RowError error) : Exception(error.ToString())
{
    public RowError Error { get; } = error;
}
