using SafeCompletions.Contracts;
using SafeCompletions.Jsonl;

namespace SafeCompletions.Datasets;

/// <summary>A public CSV prompt set, read record by record through its <see cref="CsvPromptMapping"/>.</summary>
public sealed class CsvDataset(CsvPromptMapping mapping) : IDatasetKind
{
    /// <inheritdoc/>
    public string Name => mapping.Name;

    /// <inheritdoc/>
    public IAsyncEnumerable<JsonlLine<PromptRow>> ReadAsync(string path, CancellationToken cancellationToken = default) =>
        PromptSetReader.ReadCsvAsync(path, mapping, cancellationToken);
}
