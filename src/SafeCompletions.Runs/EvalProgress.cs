namespace SafeCompletions.Runs;

/// <summary>Progress of one stage ("generate" or "grade") of one model: done out of total.</summary>
public readonly record struct EvalProgress(string Stage, string Model, int Done, int Total);
