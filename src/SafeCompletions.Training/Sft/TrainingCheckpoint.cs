using System.Text.Json;
using SafeCompletions.Files;
using SafeCompletions.Training.Lora;
using SafeCompletions.Training.Modeling;
using TorchSharp;
using TorchSharp.Modules;

namespace SafeCompletions.Training.Sft;

/// <summary>
/// OUT/checkpoint: the adapter (PEFT format), AdamW's moments and the run's state. It is written whole to a sibling
/// directory and swapped in by renames, so a kill at any instant leaves the previous checkpoint or the new one.
/// </summary>
public static class TrainingCheckpoint
{
    private const string StateFile = "state.json";
    private const string OptimizerFile = "optimizer.bin";

    public static void Save(string outDirectory, CausalLM model, LoraConfig lora, string baseModel, OptimizerHelper optimizer, CheckpointState state)
    {
        var current = Path.Combine(outDirectory, "checkpoint");
        var next = current + ".next";
        var previous = current + ".previous";
        if (Directory.Exists(next))
        {
            Directory.Delete(next, recursive: true);
        }
        PeftAdapter.Save(Path.Combine(next, "adapter"), model, lora, baseModel);
        optimizer.save_state_dict(Path.Combine(next, OptimizerFile));
        AtomicFile.WriteAllText(Path.Combine(next, StateFile), JsonSerializer.Serialize(state, SftJsonContext.Default.CheckpointState));
        if (Directory.Exists(previous))
        {
            Directory.Delete(previous, recursive: true);
        }
        if (Directory.Exists(current))
        {
            Directory.Move(current, previous);
        }
        Directory.Move(next, current);
        if (Directory.Exists(previous))
        {
            Directory.Delete(previous, recursive: true);
        }
    }

    /// <summary>The newest complete checkpoint under <paramref name="outDirectory"/>, or null when there is none.</summary>
    public static string? Find(string outDirectory)
    {
        var current = Path.Combine(outDirectory, "checkpoint");
        // Killed between the two renames: the previous checkpoint is the complete one.
        return new[] { current, current + ".previous" }.FirstOrDefault(d => File.Exists(Path.Combine(d, StateFile)));
    }

    public static CheckpointState ReadState(string checkpoint)
    {
        var path = Path.Combine(checkpoint, StateFile);
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), SftJsonContext.Default.CheckpointState)
                ?? throw new InvalidDataException($"{path}: empty");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: not a checkpoint state: {ex.Message}", ex);
        }
    }

    /// <summary>Puts the checkpoint's adapter on <paramref name="model"/>; load the optimizer after, over the new parameters.</summary>
    public static void LoadAdapter(string checkpoint, CausalLM model) => PeftAdapter.Load(Path.Combine(checkpoint, "adapter"), model);

    public static void LoadOptimizer(string checkpoint, OptimizerHelper optimizer) => optimizer.load_state_dict(Path.Combine(checkpoint, OptimizerFile));
}
