namespace SafeCompletions.Jsonl;

/// <summary>The first problem a validator found in a parsed row: which field, and what is wrong with it.</summary>
public sealed record RowValidationProblem(string Field, string Message);
