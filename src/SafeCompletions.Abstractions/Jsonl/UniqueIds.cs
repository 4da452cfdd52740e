using System.Runtime.CompilerServices;

namespace SafeCompletions.Jsonl;

/// <summary>
/// The rule that an id names one row of a file: a later line repeating an id becomes a <see cref="RowError"/> naming
/// the id and the line that first had it. The ids seen are held in memory (about 60 bytes a row plus the id).
/// </summary>
public static class UniqueIds
{
    /// <summary><paramref name="lines"/> of <paramref name="file"/>, each valid row whose <paramref name="idOf"/> was seen before turned into an error.</summary>
    public static async IAsyncEnumerable<JsonlLine<T>> RejectRepeatedIds<T>(
        this IAsyncEnumerable<JsonlLine<T>> lines, string file, Func<T, string?> idOf,
        [EnumeratorCancellation] CancellationToken cancellationToken = default) where T : class
    {
        var firstLines = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var line in lines.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (line.Row is { } row && idOf(row) is { } id && !firstLines.TryAdd(id, line.LineNumber))
            {
                yield return new JsonlLine<T>(line.LineNumber, null, Repeated(file, line.LineNumber, id, file, firstLines[id]));
                continue;
            }
            yield return line;
        }
    }

    /// <summary>The error of line <paramref name="line"/> of <paramref name="file"/> repeating the id first seen at <paramref name="firstFile"/>:<paramref name="firstLine"/>.</summary>
    public static RowError Repeated(string file, int line, string id, string firstFile, int firstLine) => firstFile == file
        ? new RowError(file, line, "id", $"'{id}' is already the id of line {firstLine}; ids must be unique within a file")
        : new RowError(file, line, "id", $"'{id}' is already the id of {firstFile}:{firstLine}; a row must be in one file only (was the same file given twice?)");
}
