using System.Text.Json;
using SafeCompletions.Human.Ratings;
using SafeCompletions.Jsonl;

namespace SafeCompletions.Human.Results;

/// <summary><c>safecomp human results</c>: reads the ratings, computes the figures, writes DIR/human.json and DIR/human.html.</summary>
public static class HumanResultsWriter
{
    public const string JsonFile = "human.json";
    public const string HtmlFile = "human.html";

    public static async Task<(HumanReport Report, IReadOnlyList<string> Files)> WriteAsync(
        IRatingSource source, string directory, HumanResultsOptions? options = null, CancellationToken cancellationToken = default)
    {
        var report = await HumanResults.ComputeAsync(source, options, cancellationToken).ConfigureAwait(false);
        var json = Path.Combine(directory, JsonFile);
        var html = Path.Combine(directory, HtmlFile);
        try
        {
            Directory.CreateDirectory(directory);
            await WriteAtomicallyAsync(json, JsonSerializer.Serialize(report, HumanJson.Default.HumanReport) + "\n", cancellationToken).ConfigureAwait(false);
            await WriteAtomicallyAsync(html, HumanHtml.Render(report), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException(new RowError(directory, 0, "(file)", $"cannot write the results: {ex.Message}"));
        }
        return (report, [json, html]);
    }

    private static async Task WriteAtomicallyAsync(string path, string text, CancellationToken cancellationToken)
    {
        var partial = $"{path}.{Environment.ProcessId}.partial";
        await File.WriteAllTextAsync(partial, text, cancellationToken).ConfigureAwait(false);
        File.Move(partial, path, overwrite: true);
    }
}
