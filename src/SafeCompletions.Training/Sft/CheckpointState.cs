namespace SafeCompletions.Training.Sft;

/// <summary>
/// Where a checkpointed run stands: the steps done, and the run's shape, so a resume under other settings is refused
/// instead of silently continuing a different curve. The data order and every dropout mask derive from the seed and
/// the step, so the step is all the random state there is.
/// </summary>
public sealed record CheckpointState(int Step, int TotalSteps, int Seed, int Rows, int RowsPerStep, double LearningRate, int Rank);
