using Microsoft.Data.Sqlite;
using SafeCompletions.Caching;

namespace SafeCompletions.Storage.Sqlite;

/// <summary>
/// A verdict cache in a SQLite file, shared safely between processes (WAL journal, busy timeout), so
/// <c>safecomp grade</c> and <c>safecomp serve</c> can use the same one.
/// </summary>
public sealed class SqliteVerdictCache : IVerdictCache, IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public SqliteVerdictCache(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false, DefaultTimeout = 30 }.ToString());
        _connection.Open();
        using var command = _connection.CreateCommand();
        // WAL lets grade and serve share the file; synchronous=NORMAL skips an fsync per verdict, and at worst
        // loses the last few verdicts on power loss, which are then asked again: the right trade for a cache.
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            CREATE TABLE IF NOT EXISTS verdicts (
                key TEXT PRIMARY KEY,
                rubric TEXT NOT NULL,
                judge TEXT NOT NULL,
                verdict TEXT NOT NULL,
                created_utc TEXT NOT NULL
            );
            """;
        command.ExecuteNonQuery();
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>The default location: <c>$SAFECOMP_CACHE</c>, else <c>$XDG_CACHE_HOME/safecomp/verdicts.db</c>, else <c>~/.cache/safecomp/verdicts.db</c>.</summary>
    public static string DefaultPath()
    {
        if (Environment.GetEnvironmentVariable("SAFECOMP_CACHE") is { Length: > 0 } explicitPath)
        {
            return explicitPath;
        }
        var root = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return System.IO.Path.Combine(root, "safecomp", "verdicts.db");
    }

    /// <inheritdoc/>
    public async Task<string?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = _connection.CreateCommand();
            command.CommandText = "SELECT verdict FROM verdicts WHERE key = $key";
            command.Parameters.AddWithValue("$key", key);
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public async Task SetAsync(string key, string rubric, string judge, string verdict, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await WriteAsync(key, rubric, judge, verdict, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _connection.Dispose();
        _gate.Dispose();
    }

    private async Task WriteAsync(string key, string rubric, string judge, string verdict, CancellationToken cancellationToken)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = """
            INSERT INTO verdicts (key, rubric, judge, verdict, created_utc) VALUES ($key, $rubric, $judge, $verdict, $created)
            ON CONFLICT(key) DO UPDATE SET verdict = excluded.verdict, created_utc = excluded.created_utc
            """;
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$rubric", rubric);
        command.Parameters.AddWithValue("$judge", judge);
        command.Parameters.AddWithValue("$verdict", verdict);
        command.Parameters.AddWithValue("$created", DateTime.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
