using Microsoft.Extensions.AI;
using SafeCompletions.Models;

namespace SafeCompletions.Local;

/// <summary><c>gguf:PATH</c>: a local GGUF model run in-process through LLamaSharp on the CPU (<see cref="GgufModel"/>).</summary>
public sealed class GgufModelProvider : IModelProvider
{
    /// <inheritdoc/>
    public string Scheme => "gguf";

    /// <inheritdoc/>
    public string Form => "gguf:PATH";

    /// <inheritdoc/>
    public ModelUses Uses => ModelUses.Evaluated | ModelUses.Generator;

    /// <inheritdoc/>
    public ModelReference Parse(string text, string rest) =>
        rest.Length > 0 ? new ModelReference(Scheme, rest, null, text) : throw new FormatException($"'{text}' names no file; expected gguf:PATH");

    /// <inheritdoc/>
    /// <remarks>The file name only: where the model sits on one machine says nothing about the data.</remarks>
    public string Describe(ModelReference reference) => $"gguf:{Path.GetFileName(reference.Model)}";

    /// <inheritdoc/>
    /// <remarks>Throws <see cref="FileNotFoundException"/> naming the path when there is no model there.</remarks>
    public IChatClient OpenChat(ModelReference reference, ModelOptions options)
    {
        var model = GgufModel.Load(reference.Model);
        options.Resources.Add(model);
        return model.ChatClient;
    }
}
