using SafeCompletions.Contracts;
using SafeCompletions.Jsonl;

namespace SafeCompletions.Datasets;

/// <summary><c>jsonl</c>: the project's own prompt rows, JSON Lines (docs/design.md, "Prompt set").</summary>
public sealed class JsonlDataset : IDatasetKind
{
    public static JsonlDataset Instance { get; } = new();

    /// <inheritdoc/>
    public string Name => "jsonl";

    /// <inheritdoc/>
    public IAsyncEnumerable<JsonlLine<PromptRow>> ReadAsync(string path, CancellationToken cancellationToken = default) =>
        JsonlReader.ReadAsync(path, ContractJson.Default.PromptRow, RowValidation.Prompt, cancellationToken).RejectRepeatedIds(path, r => r.Id, cancellationToken);
}
