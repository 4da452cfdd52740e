using System.Text.Json;
using SafeCompletions.Files;
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
        await AtomicFile.WriteAllTextAsync(json, JsonSerializer.Serialize(report, HumanJson.Default.HumanReport) + "\n", cancellationToken).ConfigureAwait(false);
        await AtomicFile.WriteAllTextAsync(html, HumanHtml.Render(report), cancellationToken).ConfigureAwait(false);
        return (report, [json, html]);
    }
}
