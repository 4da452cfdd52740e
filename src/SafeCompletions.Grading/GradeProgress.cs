namespace SafeCompletions.Grading;

/// <summary>Rows graded so far, out of the valid rows in the input.</summary>
public readonly record struct GradeProgress(int Done, int Total);
