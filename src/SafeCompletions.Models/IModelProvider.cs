using Microsoft.Extensions.AI;

namespace SafeCompletions.Models;

/// <summary>
/// One kind of model reference (<c>openai:</c>, <c>gguf:</c>, <c>responses:</c>, …): how its text is parsed and how the
/// model it names is opened. Adding a kind of model is one provider and one <see cref="ModelProviders.Add"/>.
/// </summary>
public interface IModelProvider
{
    /// <summary>The reference's scheme, the text before the first colon, e.g. <c>openai</c>.</summary>
    string Scheme { get; }

    /// <summary>The reference's form for messages, e.g. <c>openai:MODEL@BASE_URL</c>.</summary>
    string Form { get; }

    /// <summary>What the models of this kind can be used as.</summary>
    ModelUses Uses { get; }

    /// <summary>Parses a reference of this scheme; <paramref name="rest"/> is the text after the colon. Throws <see cref="FormatException"/> naming the form.</summary>
    ModelReference Parse(string text, string rest);

    /// <summary>How a run records the model (sft's <c>generator</c>): no secrets, no machine-specific paths.</summary>
    string Describe(ModelReference reference) => reference.Text;

    /// <summary>The model as a chat client, for providers whose <see cref="Uses"/> include a chat use; what it opens goes into the options' resources.</summary>
    IChatClient OpenChat(ModelReference reference, ModelOptions options) =>
        throw new NotSupportedException($"'{reference}': {Scheme}: models are not chat models");

    /// <summary>The model as eval runs it: by default its chat client, sampled at the options' temperature (1 unless set).</summary>
    Task<IResponseGenerator> OpenEvaluatedAsync(string name, ModelReference reference, ModelOptions options, CancellationToken cancellationToken = default) =>
        Task.FromResult<IResponseGenerator>(new ChatResponseGenerator(name, OpenChat(reference, options), options.Temperature, options.MaxOutputTokens));
}
