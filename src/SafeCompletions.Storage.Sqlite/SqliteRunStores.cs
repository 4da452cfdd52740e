using SafeCompletions.Runs;
using SafeCompletions.Sft;
using SafeCompletions.Storage;

namespace SafeCompletions.Storage.Sqlite;

/// <summary>The default run stores: a SQLite file, <c>state.db</c>, in the run's directory.</summary>
public sealed class SqliteRunStores : IRunStores
{
    /// <summary>The state file's name in a run directory.</summary>
    public const string FileName = "state.db";

    /// <inheritdoc/>
    public IEvalRunStore OpenEval(string directory) => new SqliteEvalRunStore(Path.Combine(directory, FileName));

    /// <inheritdoc/>
    public ISftRunStore OpenSft(string directory) => new SqliteSftRunStore(Path.Combine(directory, FileName));
}
