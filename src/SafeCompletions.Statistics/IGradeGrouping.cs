using SafeCompletions.Contracts;

namespace SafeCompletions.Statistics;

/// <summary>
/// Grade rows that come in any order (several grade files, one per model), given back prompt by prompt as
/// <see cref="MetricsCalculator"/> needs them, with memory flat however many rows there are. SQLite's temporary file
/// is the default (SafeCompletions.Storage.Sqlite).
/// </summary>
public interface IGradeGrouping : IDisposable
{
    /// <summary>
    /// Adds <paramref name="grade"/>, read at <paramref name="origin"/>; when a row with its id was added before, adds
    /// nothing and returns where that row was (ids name one row across all the files, as they do within one).
    /// </summary>
    GradeOrigin? Add(GradeRow grade, GradeOrigin origin);

    /// <summary>Adds every row to <paramref name="calculator"/>, prompt by prompt.</summary>
    void AddTo(MetricsCalculator calculator);
}
