using SafeCompletions.Training.Lora;

namespace SafeCompletions.Training.Sft;

/// <summary>
/// A supervised fine-tuning run: LoRA on <see cref="ModelDirectory"/> over the rows of <see cref="DataPath"/>, for
/// <see cref="Steps"/> optimizer steps or <see cref="Epochs"/> passes, written to <see cref="OutDirectory"/>.
/// </summary>
public sealed record SftOptions(string ModelDirectory, string DataPath, string OutDirectory)
{
    public int? Steps { get; init; }

    public double? Epochs { get; init; }

    public double LearningRate { get; init; } = 2e-4;

    public LoraConfig Lora { get; init; } = new();

    public int BatchSize { get; init; } = 1;

    public int GradientAccumulation { get; init; } = 1;

    public int MaxLength { get; init; } = 2048;

    public int Seed { get; init; }

    /// <summary>Share of the steps over which the learning rate rises linearly from 0, before the cosine decay.</summary>
    public double WarmupRatio { get; init; } = 0.1;

    public double MaxGradNorm { get; init; } = 1.0;

    public double WeightDecay { get; init; }

    public int CheckpointEvery { get; init; } = 50;

    /// <summary>Also write the base with the adapter folded in to OUT/merged.</summary>
    public bool Merge { get; init; }

    /// <summary>Throws naming the setting that is out of range.</summary>
    public SftOptions Validated()
    {
        Lora.Validated();
        Check(Steps is null || Epochs is null, "give --steps or --epochs, not both");
        Check(Steps is null or > 0, "--steps must be positive");
        Check(Epochs is null or > 0, "--epochs must be positive");
        Check(LearningRate is > 0 and < 1, "--lr must be in (0, 1)");
        Check(BatchSize > 0, "--batch-size must be positive");
        Check(GradientAccumulation > 0, "--grad-accum must be positive");
        Check(MaxLength > 1, "--max-length must be at least 2");
        Check(WarmupRatio is >= 0 and < 1, "the warm-up ratio must be in [0, 1)");
        Check(CheckpointEvery > 0, "--checkpoint-every must be positive");
        return this;
    }

    private static void Check(bool ok, string message)
    {
        if (!ok)
        {
            throw new ArgumentException(message);
        }
    }

    /// <summary>Rows each optimizer step consumes.</summary>
    public int RowsPerStep => BatchSize * GradientAccumulation;

    /// <summary>The optimizer steps the run makes over <paramref name="rows"/> rows (one epoch when neither is given).</summary>
    public int TotalSteps(int rows) => Steps ?? (int)Math.Ceiling((Epochs ?? 1) * rows / RowsPerStep);
}
