using Microsoft.Data.Sqlite;

namespace SafeCompletions.Storage.Sqlite;

/// <summary>
/// The SQLite file that holds a resumable run's state (evaluation or SFT): one connection, WAL journal so a committed
/// row survives the process being killed, a gate so concurrent workers take turns, and the run's recorded settings.
/// </summary>
internal sealed class RunDatabase : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public RunDatabase(string path, string schema)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        Connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 30 }.ToString());
        Connection.Open();
        Execute($"""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            {schema}
            """);
    }

    /// <summary>The open connection; use it under <see cref="LockedAsync{T}"/> when other workers may be writing.</summary>
    public SqliteConnection Connection { get; }

    /// <summary>Records a setting of the run, or checks it against the one recorded: a resumed run must ask the same thing.</summary>
    public void Settle(string key, string value)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = "SELECT value FROM settings WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        if (command.ExecuteScalar() is string recorded)
        {
            if (recorded != value)
            {
                throw new InvalidOperationException($"this run directory was started with {key} = {recorded}; now {value}. Use another --out, or delete the directory to start again.");
            }
            return;
        }
        Execute("INSERT INTO settings (key, value) VALUES ($key, $value)", ("$key", key), ("$value", value));
    }

    /// <summary>Runs <paramref name="action"/> alone on the connection.</summary>
    public async Task<T> LockedAsync<T>(Func<T> action, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return action();
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task LockedAsync(Action action, CancellationToken cancellationToken) =>
        LockedAsync(() => { action(); return true; }, cancellationToken);

    public int Count(string sql) => checked((int)Count64(sql));

    public long Count64(string sql)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Execute(string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        Connection.Dispose();
        _gate.Dispose();
    }
}
