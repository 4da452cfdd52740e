using System.Text.Json;
using SafeCompletions.Contracts;
using SafeCompletions.Files;

namespace SafeCompletions.Statistics;

/// <summary>The one writer of metrics.json (docs/design.md, "metrics.json"), and the report writer that writes nothing else.</summary>
public sealed class MetricsJson : IReportWriter
{
    public const string FileName = "metrics.json";

    /// <summary>Writes <paramref name="metrics"/> to <c>DIRECTORY/metrics.json</c>; returns the path.</summary>
    public static async Task<string> WriteAsync(string directory, MetricsReport metrics, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(directory, FileName);
        await AtomicFile.WriteAllTextAsync(path, JsonSerializer.Serialize(metrics, ReportJson.Default.MetricsReport), cancellationToken).ConfigureAwait(false);
        return path;
    }

    /// <inheritdoc/>
    async Task<IReadOnlyList<string>> IReportWriter.WriteAsync(
        string directory, MetricsReport metrics, ReportRows rows,
        Func<IReadOnlyList<GradeRow>, CancellationToken, Task<IReadOnlyDictionary<string, ResponseRow>>> responses,
        CancellationToken cancellationToken) =>
        [await WriteAsync(directory, metrics, cancellationToken).ConfigureAwait(false)];
}
