using SafeCompletions.Contracts;
using SafeCompletions.Jsonl;

namespace SafeCompletions.Datasets;

/// <summary>
/// One prompt-set format <c>--dataset KIND:PATH</c> reads (docs/datasets.md): its name and how its file becomes prompt
/// rows, streamed, a bad line or record coming back as a <see cref="RowError"/>. Adding a kind is one of these and one
/// <see cref="DatasetKinds.Add"/> (a public CSV format is one <see cref="CsvPromptMapping"/>).
/// </summary>
public interface IDatasetKind
{
    /// <summary>The KIND of <c>KIND:PATH</c>, e.g. <c>xstest</c>.</summary>
    string Name { get; }

    IAsyncEnumerable<JsonlLine<PromptRow>> ReadAsync(string path, CancellationToken cancellationToken = default);
}
