namespace SafeCompletions.Training.Sft;

/// <summary>A tokenized row: the ids, and the label of each position (the next token, or -100 where no loss is taken).</summary>
public sealed record TrainingSequence(long[] Ids, long[] Labels)
{
    /// <summary>PyTorch's cross-entropy <c>ignore_index</c>: the prompt's and the padding's labels.</summary>
    public const long Ignored = -100;

    public int TrainedTokens => Labels.Count(l => l != Ignored);
}
