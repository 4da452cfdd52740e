using System.Text.Json;
using System.Text.Json.Nodes;
using SafeCompletions.Files;
using SafeCompletions.Training.Modeling;
using SafeCompletions.Training.Safetensors;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SafeCompletions.Training.Lora;

/// <summary>
/// LoRA adapters in PEFT's on-disk format, so Python tools load them unchanged: adapter_config.json (peft_type LORA,
/// task_type CAUSAL_LM, r, lora_alpha, lora_dropout, target_modules, base_model_name_or_path) and
/// adapter_model.safetensors with PEFT's key names
/// (<c>base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight</c>, A [r, in], B [out, r]).
/// </summary>
public static class PeftAdapter
{
    public const string ConfigFile = "adapter_config.json";
    public const string WeightsFile = "adapter_model.safetensors";

    public static string Key(Projection projection, char matrix) => $"base_model.model.{projection.Name}.lora_{matrix}.weight";

    public static void Save(string directory, CausalLM model, LoraConfig config, string baseModel)
    {
        Directory.CreateDirectory(directory);
        var tensors = model.Projections.Where(p => p.Lora is not null)
            .SelectMany(p => new[] { new KeyValuePair<string, Tensor>(Key(p, 'A'), p.Lora!.A), new(Key(p, 'B'), p.Lora.B) });
        SafetensorsFile.Save(Path.Combine(directory, WeightsFile), tensors);
        var json = new JsonObject
        {
            ["peft_type"] = "LORA",
            ["task_type"] = "CAUSAL_LM",
            ["r"] = config.Rank,
            ["lora_alpha"] = config.Alpha,
            ["lora_dropout"] = config.Dropout,
            ["target_modules"] = new JsonArray([.. config.Targets.Select(t => (JsonNode)t)]),
            ["base_model_name_or_path"] = baseModel,
            ["bias"] = "none",
            ["fan_in_fan_out"] = false,
            ["inference_mode"] = true,
            ["init_lora_weights"] = true,
            ["modules_to_save"] = null,
            ["use_rslora"] = false,
            ["use_dora"] = false,
        };
        AtomicFile.WriteAllText(Path.Combine(directory, ConfigFile), json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>Reads an adapter directory and attaches its adapters to <paramref name="model"/>; returns its config.</summary>
    public static LoraConfig Load(string directory, CausalLM model)
    {
        var configPath = Path.Combine(directory, ConfigFile);
        if (!File.Exists(configPath))
        {
            throw new FileNotFoundException($"no {ConfigFile} at {configPath}", configPath);
        }
        JsonObject json;
        try
        {
            json = JsonNode.Parse(File.ReadAllText(configPath))!.AsObject();
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{configPath}: not JSON: {ex.Message}", ex);
        }
        if (json["peft_type"]?.GetValue<string>() is { } type && type != "LORA")
        {
            throw new InvalidDataException($"{configPath}: peft_type: {type} is not supported (LORA)");
        }
        if (json["use_dora"]?.GetValue<bool>() == true || json["use_rslora"]?.GetValue<bool>() == true)
        {
            throw new InvalidDataException($"{configPath}: use_dora / use_rslora are not supported");
        }
        var rank = json["r"]?.GetValue<int>() ?? throw new InvalidDataException($"{configPath}: r: missing");
        var targets = json["target_modules"] switch
        {
            JsonArray a => a.Select(t => t!.GetValue<string>()).ToList(),
            JsonValue v => [v.GetValue<string>()],
            _ => throw new InvalidDataException($"{configPath}: target_modules: missing"),
        };
        var config = new LoraConfig(rank, json["lora_alpha"]?.GetValue<double>() ?? rank, json["lora_dropout"]?.GetValue<double>() ?? 0, targets);
        var weightsPath = Path.Combine(directory, WeightsFile);
        var tensors = SafetensorsFile.Load(weightsPath);
        foreach (var projection in model.Projections.Where(p => config.Targets.Contains(p.Module)))
        {
            Tensor Take(char matrix, long rows, long cols)
            {
                var key = Key(projection, matrix);
                if (!tensors.Remove(key, out var t))
                {
                    throw new InvalidDataException($"{weightsPath}: tensor {key}: missing");
                }
                return t.shape.SequenceEqual([rows, cols]) ? t.to(ScalarType.Float32)
                    : throw new InvalidDataException($"{weightsPath}: tensor {key}: shape [{string.Join(", ", t.shape)}], expected [{rows}, {cols}]");
            }
            var a = Take('A', rank, projection.InFeatures);
            var b = Take('B', projection.OutFeatures, rank);
            projection.Lora?.Dispose();
            projection.Lora = new LoraAdapter(new Parameter(a), new Parameter(b), config.Scale, config.Dropout);
        }
        var extra = tensors.Keys.FirstOrDefault();
        return extra is null ? config : throw new InvalidDataException($"{weightsPath}: tensor {extra} matches no target module of this model");
    }
}
