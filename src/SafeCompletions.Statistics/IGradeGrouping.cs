using SafeCompletions.Contracts;

namespace SafeCompletions.Statistics;

/// <summary>
/// Grade rows that come in any order (several grade files, one per model), given back prompt by prompt as
/// <see cref="MetricsCalculator"/> needs them, with memory flat however many rows there are. SQLite's temporary file
/// is the default (SafeCompletions.Storage.Sqlite).
/// </summary>
public interface IGradeGrouping : IDisposable
{
    void Add(GradeRow grade);

    /// <summary>Adds every row to <paramref name="calculator"/>, prompt by prompt.</summary>
    void AddTo(MetricsCalculator calculator);
}
