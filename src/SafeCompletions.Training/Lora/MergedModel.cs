using SafeCompletions.Training.Modeling;
using SafeCompletions.Training.Safetensors;

namespace SafeCompletions.Training.Lora;

/// <summary>
/// A model with its adapters folded in (W + scale·B·A), written as a Hugging Face model directory that any loader
/// (ours, transformers, llama.cpp's converter) reads without PEFT.
/// </summary>
public static class MergedModel
{
    /// <summary>The base directory's files that describe the model but hold no weights; copied unchanged.</summary>
    private static readonly string[] Companions = ["config.json", "generation_config.json", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"];

    /// <summary>Merges the adapters of <paramref name="model"/> (they are gone afterwards) and writes the result to <paramref name="directory"/>.</summary>
    public static void Save(string directory, CausalLM model, string baseDirectory)
    {
        Directory.CreateDirectory(directory);
        LoraAdapters.Merge(model);
        foreach (var name in Companions)
        {
            var source = Path.Combine(baseDirectory, name);
            if (File.Exists(source))
            {
                File.Copy(source, Path.Combine(directory, name), overwrite: true);
            }
        }
        SafetensorsFile.Save(Path.Combine(directory, "model.safetensors"), model.NamedWeights());
    }
}
