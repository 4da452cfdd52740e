using System.Runtime.CompilerServices;
using SafeCompletions.Contracts;
using SafeCompletions.Jsonl;
using Sylvan.Data.Csv;

namespace SafeCompletions.Datasets;

/// <summary>
/// Streams the prompts of a dataset, native JSON Lines or one of the public CSV formats, as prompt rows, one line
/// or record at a time. A bad line or record comes back as a <see cref="RowError"/> naming file, line (or record) and field.
/// </summary>
public static class PromptSetReader
{
    public static IAsyncEnumerable<JsonlLine<PromptRow>> ReadAsync(DatasetReference dataset, CancellationToken cancellationToken = default) =>
        dataset.Kind.ReadAsync(dataset.Path, cancellationToken);

    /// <summary>The records of a CSV file as prompt rows, through <paramref name="mapping"/>.</summary>
    public static async IAsyncEnumerable<JsonlLine<PromptRow>> ReadCsvAsync(string path, CsvPromptMapping mapping, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new InvalidInputException(new RowError(path, 0, "(file)", "no such file"));
        }
        using var text = new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        await using var csv = await CsvDataReader.CreateAsync(text, new CsvDataReaderOptions { HasHeaders = true }, cancellationToken).ConfigureAwait(false);
        var columns = Enumerable.Range(0, csv.FieldCount).ToDictionary(csv.GetName, i => i, StringComparer.Ordinal);
        foreach (var column in mapping.RequiredColumns)
        {
            if (!columns.ContainsKey(column))
            {
                throw new InvalidInputException(new RowError(path, 1, column, $"missing column; a {mapping.Name} file has the columns {string.Join(", ", mapping.RequiredColumns)}"));
            }
        }
        var record = 0;
        while (await csv.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            record++;
            // Lines are counted from the header, so the first record is line 2 (records that span lines shift this).
            var line = record + 1;
            string Get(string column) => columns.TryGetValue(column, out var i) && i < csv.RowFieldCount ? csv.GetString(i).Trim() : "";
            var missing = mapping.RequiredColumns.FirstOrDefault(c => Get(c).Length == 0);
            if (missing is not null)
            {
                yield return new JsonlLine<PromptRow>(line, null, new RowError(path, line, missing, "empty"));
                continue;
            }
            var (id, prompt, intent, category) = mapping.Map(Get, record);
            yield return new JsonlLine<PromptRow>(line, new PromptRow { Id = id, Prompt = prompt, Intent = intent, Category = category }, null);
        }
    }
}
