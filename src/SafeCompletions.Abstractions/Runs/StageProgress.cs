namespace SafeCompletions.Runs;

/// <summary>Progress of one stage of a long job: its label, done out of total.</summary>
public readonly record struct StageProgress(string Stage, int Done, int Total);
