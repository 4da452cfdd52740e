using System.Text.Json.Nodes;
using SafeCompletions.Training.Chat;
using SafeCompletions.Training.Lora;
using SafeCompletions.Training.Modeling;

namespace SafeCompletions.Training;

/// <summary>A Hugging Face model directory loaded for generation or training: the network, its tokenizer, and optionally a LoRA adapter on it.</summary>
public sealed class TorchModel : IDisposable
{
    private TorchModel(string directory, CausalLM network, ModelTokenizer tokenizer, SamplingDefaults defaults)
    {
        Directory = directory;
        Network = network;
        Tokenizer = tokenizer;
        Defaults = defaults;
    }

    public string Directory { get; }

    public CausalLM Network { get; }

    public ModelTokenizer Tokenizer { get; }

    /// <summary>generation_config.json's temperature and top_p, used when a call names none.</summary>
    public SamplingDefaults Defaults { get; }

    /// <summary>Loads <paramref name="directory"/>, with the PEFT adapter in <paramref name="adapterDirectory"/> attached when given.</summary>
    public static TorchModel Load(string directory, string? adapterDirectory = null)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            throw new FileNotFoundException($"no model directory at {directory}", directory);
        }
        var network = CausalLM.Load(directory);
        try
        {
            if (adapterDirectory is not null)
            {
                PeftAdapter.Load(adapterDirectory, network);
            }
            var generation = Path.Combine(directory, "generation_config.json");
            var json = File.Exists(generation) ? JsonNode.Parse(File.ReadAllText(generation)) : null;
            var defaults = new SamplingDefaults(json?["temperature"]?.GetValue<double>() ?? 1, json?["top_p"]?.GetValue<double>() ?? 1);
            return new TorchModel(directory, network, ModelTokenizer.Load(directory), defaults);
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Network.Dispose();
        Tokenizer.Dispose();
    }
}

/// <summary>The sampling a model's authors recommend (generation_config.json).</summary>
public sealed record SamplingDefaults(double Temperature, double TopP);
