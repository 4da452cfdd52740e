using System.ComponentModel;
using System.Globalization;
using SafeCompletions.Cli.Infrastructure;
using SafeCompletions.Training.Lora;
using SafeCompletions.Training.Sft;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SafeCompletions.Cli.Commands;

/// <summary><c>safecomp train sft</c>: LoRA supervised fine-tuning of a Hugging Face model directory on <c>safecomp sft</c> output.</summary>
internal sealed class TrainSftCommand(IAnsiConsole console, ErrorConsole errors) : Command<TrainSftCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--model <DIR>")]
        [Description("The base model: a Hugging Face directory (config.json, model.safetensors, tokenizer.json, tokenizer_config.json).")]
        public string? Model { get; init; }

        [CommandOption("--data <FILE>")]
        [Description("safecomp sft output (train.jsonl): trl prompt/completion rows or messages rows.")]
        public string? Data { get; init; }

        [CommandOption("--out <DIR>")]
        [Description("Where the adapter (DIR/adapter), metrics.jsonl and checkpoints go; a run there resumes from its checkpoint.")]
        public string? Out { get; init; }

        [CommandOption("--steps <N>")]
        [Description("Optimizer steps (default: one epoch).")]
        public int? Steps { get; init; }

        [CommandOption("--epochs <E>")]
        [Description("Passes over the data, instead of --steps.")]
        public double? Epochs { get; init; }

        [CommandOption("--lr <X>")]
        [Description("Peak learning rate of AdamW (10% linear warm-up, then cosine to 0). Default 2e-4.")]
        public double LearningRate { get; init; } = 2e-4;

        [CommandOption("--lora-rank <R>")]
        [Description("LoRA rank r. Default 16.")]
        public int Rank { get; init; } = 16;

        [CommandOption("--lora-alpha <A>")]
        [Description("lora_alpha (the update is scaled by alpha / r). Default 32.")]
        public double Alpha { get; init; } = 32;

        [CommandOption("--lora-dropout <P>")]
        [Description("Dropout on the adapters' input while training. Default 0.05.")]
        public double Dropout { get; init; } = 0.05;

        [CommandOption("--batch-size <B>")]
        [Description("Rows per forward pass. Default 1.")]
        public int BatchSize { get; init; } = 1;

        [CommandOption("--grad-accum <G>")]
        [Description("Forward passes per optimizer step. Default 1.")]
        public int GradAccum { get; init; } = 1;

        [CommandOption("--max-length <T>")]
        [Description("A row longer than T tokens is an error naming its line. Default 2048.")]
        public int MaxLength { get; init; } = 2048;

        [CommandOption("--seed <S>")]
        [Description("Seeds A's initialisation, the row order and the dropout masks. Default 0.")]
        public int Seed { get; init; }

        [CommandOption("--checkpoint-every <N>")]
        [Description("Steps between checkpoints. Default 50.")]
        public int CheckpointEvery { get; init; } = 50;

        [CommandOption("--merge")]
        [Description("Also write the base with the adapter folded in (W + scale·B·A) to DIR/merged, a Hugging Face model directory.")]
        public bool Merge { get; init; }

        public override ValidationResult Validate() =>
            Model is null ? ValidationResult.Error("train sft needs --model DIR")
            : Data is null ? ValidationResult.Error("train sft needs --data FILE")
            : Out is null ? ValidationResult.Error("train sft needs --out DIR")
            : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        SftOptions options;
        try
        {
            options = new SftOptions(settings.Model!, settings.Data!, settings.Out!)
            {
                Steps = settings.Steps,
                Epochs = settings.Epochs,
                LearningRate = settings.LearningRate,
                Lora = new LoraConfig(settings.Rank, settings.Alpha, settings.Dropout),
                BatchSize = settings.BatchSize,
                GradientAccumulation = settings.GradAccum,
                MaxLength = settings.MaxLength,
                Seed = settings.Seed,
                CheckpointEvery = settings.CheckpointEvery,
                Merge = settings.Merge,
            }.Validated();
        }
        catch (ArgumentException invalid)
        {
            throw new UsageException(invalid.Message);
        }
        var progress = new SynchronousProgress(s => errors.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"step {s.Step}/{s.TotalSteps}  loss {s.Loss:0.0000}  lr {s.LearningRate:0.00e0}  {s.TokensPerSecond:0} tokens/s  ETA {TimeSpan.FromSeconds(Math.Round(s.EtaSeconds)):c}")));
        var result = SftTrainer.Run(options, progress, cancellationToken);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"trained {result.Steps} steps{(result.ResumedFromStep > 0 ? $" (resumed at step {result.ResumedFromStep})" : "")}, final loss {result.FinalLoss:0.0000}"));
        console.WriteLine($"wrote {result.AdapterDirectory}{(result.MergedDirectory is null ? "" : $" and {result.MergedDirectory}")}");
        return ExitCodes.Success;
    }

    /// <summary>Reports on the training thread, so lines come in step order (Progress posts to the thread pool).</summary>
    private sealed class SynchronousProgress(Action<SftStep> report) : IProgress<SftStep>
    {
        public void Report(SftStep value) => report(value);
    }
}
