namespace SafeCompletions.Training.Sft;

/// <summary>What a finished run wrote: the adapter, the merged model when asked for, and where it started (0, or the checkpoint it resumed).</summary>
public sealed record SftResult(string AdapterDirectory, string? MergedDirectory, int Steps, int ResumedFromStep, double FinalLoss);
