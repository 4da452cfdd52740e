namespace SafeCompletions.Training.Lora;

/// <summary>
/// A LoRA adapter's settings, as PEFT's LoraConfig names them: rank <c>r</c>, <c>lora_alpha</c> (the update is scaled
/// by alpha / r), <c>lora_dropout</c> on the adapter's input while training, and the <c>target_modules</c> it wraps.
/// </summary>
public sealed record LoraConfig(int Rank = 16, double Alpha = 32, double Dropout = 0.05, IReadOnlyList<string>? TargetModules = null)
{
    /// <summary>Every attention and MLP projection of the Llama family.</summary>
    public static readonly IReadOnlyList<string> AllProjections = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"];

    public IReadOnlyList<string> Targets => TargetModules ?? AllProjections;

    public double Scale => Alpha / Rank;

    /// <summary>Throws naming the setting that is out of range.</summary>
    public LoraConfig Validated()
    {
        if (Rank is < 1 or > 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(Rank), Rank, "the LoRA rank must be 1 to 1024");
        }
        if (Alpha <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "lora_alpha must be positive");
        }
        if (Dropout is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Dropout), Dropout, "lora_dropout must be in [0, 1)");
        }
        var unknown = Targets.FirstOrDefault(t => !AllProjections.Contains(t));
        return unknown is null ? this : throw new ArgumentException($"target module {unknown} is not one of {string.Join(", ", AllProjections)}", nameof(TargetModules));
    }
}
