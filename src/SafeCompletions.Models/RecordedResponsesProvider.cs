
namespace SafeCompletions.Models;

/// <summary><c>responses:FILE</c>: responses recorded earlier, as a model under evaluation that makes no call.</summary>
public sealed class RecordedResponsesProvider : IModelProvider
{
    /// <inheritdoc/>
    public string Scheme => "responses";

    /// <inheritdoc/>
    public string Form => "responses:FILE";

    /// <inheritdoc/>
    public ModelUses Uses => ModelUses.Evaluated;

    /// <inheritdoc/>
    public ModelReference Parse(string text, string rest) =>
        rest.Length > 0 ? new ModelReference(Scheme, rest, null, text) : throw new FormatException($"'{text}' names no file; expected responses:FILE");

    /// <inheritdoc/>
    public async Task<IResponseGenerator> OpenEvaluatedAsync(string name, ModelReference reference, ModelOptions options, CancellationToken cancellationToken = default) =>
        await RecordedResponses.LoadAsync(name, reference.Model, cancellationToken).ConfigureAwait(false);
}
