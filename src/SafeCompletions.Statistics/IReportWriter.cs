using SafeCompletions.Contracts;

namespace SafeCompletions.Statistics;

/// <summary>
/// Writes a run's report files into its directory from what the run computed: metrics.json always (through
/// <see cref="MetricsJson"/>, its one writer) and whatever else the writer makes (report.html). Both <c>eval</c> and
/// <c>report</c> use one; the responses callback of <see cref="WriteAsync"/> finds the responses of the rows to
/// review, so neither re-reads a file it has just written.
/// </summary>
public interface IReportWriter
{
    /// <summary>Writes the files; returns their paths, metrics.json first.</summary>
    /// <param name="directory">Where the files go.</param>
    /// <param name="metrics">The run's metrics.</param>
    /// <param name="rows">The grades picked for review and the grades' provenance.</param>
    /// <param name="responses">The responses of some grades, by row id (those it cannot find are left out).</param>
    /// <param name="cancellationToken">Stops the writing.</param>
    Task<IReadOnlyList<string>> WriteAsync(
        string directory, MetricsReport metrics, ReportRows rows,
        Func<IReadOnlyList<GradeRow>, CancellationToken, Task<IReadOnlyDictionary<string, ResponseRow>>> responses,
        CancellationToken cancellationToken = default);
}
