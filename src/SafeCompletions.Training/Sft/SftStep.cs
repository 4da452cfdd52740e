namespace SafeCompletions.Training.Sft;

/// <summary>One optimizer step as metrics.jsonl records it.</summary>
public sealed record SftStep(int Step, int TotalSteps, double Loss, double LearningRate, double GradNorm, int Tokens, double TokensPerSecond, double ElapsedSeconds)
{
    /// <summary>Estimated seconds left at this step's pace.</summary>
    public double EtaSeconds => Step >= TotalSteps ? 0 : ElapsedSeconds / Step * (TotalSteps - Step);
}
