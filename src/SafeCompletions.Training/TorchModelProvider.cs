using Microsoft.Extensions.AI;
using SafeCompletions.Models;
using SafeCompletions.Training.Generation;

namespace SafeCompletions.Training;

/// <summary>
/// <c>torch:DIR</c> and <c>torch:DIR+ADAPTER_DIR</c>: a Hugging Face model directory (Llama, Qwen2, Mistral), optionally
/// with a PEFT LoRA adapter, run in-process on TorchSharp (<see cref="TorchChatClient"/>).
/// </summary>
public sealed class TorchModelProvider : IModelProvider
{
    public string Scheme => "torch";

    public string Form => "torch:DIR[+ADAPTER_DIR]";

    public ModelUses Uses => ModelUses.Evaluated | ModelUses.Generator;

    public ModelReference Parse(string text, string rest) =>
        rest.Length > 0 && !rest.StartsWith('+') && !rest.EndsWith('+')
            ? new ModelReference(Scheme, rest, null, text)
            : throw new FormatException($"'{text}' names no model directory; expected {Form}");

    /// <remarks>The directory names only: where the model sits on one machine says nothing about the data.</remarks>
    public string Describe(ModelReference reference)
    {
        var (model, adapter) = Split(reference.Model);
        return $"torch:{Path.GetFileName(model.TrimEnd('/'))}" + (adapter is null ? "" : "+" + Path.GetFileName(adapter.TrimEnd('/')));
    }

    /// <remarks>Throws <see cref="FileNotFoundException"/> naming the path when the model directory or one of its files is missing.</remarks>
    public IChatClient OpenChat(ModelReference reference, ModelOptions options)
    {
        var (directory, adapter) = Split(reference.Model);
        var model = TorchModel.Load(directory, adapter);
        options.Resources.Add(model);
        var client = new TorchChatClient(model, Describe(reference), options.MaxOutputTokens);
        options.Resources.Add(client);
        return client;
    }

    /// <summary>The model and adapter directories: split at the last '+' unless the whole text is a directory (a path with a '+' in it).</summary>
    public static (string Model, string? Adapter) Split(string text)
    {
        var plus = text.LastIndexOf('+');
        return plus < 0 || Directory.Exists(text) ? (text, null) : (text[..plus], text[(plus + 1)..]);
    }
}
