using Microsoft.Data.Sqlite;
using SafeCompletions.Contracts;
using SafeCompletions.Statistics;

namespace SafeCompletions.Storage.Sqlite;

/// <summary>
/// Groups grade rows that come in any order (report over several grade files, one per model) by prompt, as
/// <see cref="MetricsCalculator"/> needs them, through a temporary SQLite file: what the statistics need of each row
/// goes in keyed by prompt id and comes back out in key order, so memory stays flat however many rows there are
/// (SQLite's page cache is bounded; the rest is on disk). The file is deleted on <see cref="Dispose"/>.
/// </summary>
public sealed class GradeGrouping : IGradeGrouping
{
    private const int RowsPerTransaction = 10_000;
    private readonly string _path;
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _insertId;
    private readonly SqliteCommand _firstOf;
    // The files rows were read from, few: the ids table stores an index into this list.
    private readonly List<string> _files = [];
    private SqliteTransaction? _transaction;
    private long _rows;

    /// <summary>Opens an empty grouping in <paramref name="directory"/> (default: the system's temporary folder).</summary>
    public GradeGrouping(string? directory = null)
    {
        _path = Path.Combine(directory ?? Path.GetTempPath(), $"safecomp-grades-{Guid.NewGuid():N}.db");
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _path, Pooling = false, Mode = SqliteOpenMode.ReadWriteCreate }.ToString());
        _connection.Open();
        using (var create = _connection.CreateCommand())
        {
            // Scratch data: no journal, no syncing. WITHOUT ROWID keeps the rows in the primary key's order itself, so
            // reading them back by prompt needs no sort.
            create.CommandText = """
                PRAGMA journal_mode = OFF;
                PRAGMA synchronous = OFF;
                CREATE TABLE grades (prompt_id TEXT NOT NULL, seq INTEGER NOT NULL, model TEXT NOT NULL, intent INTEGER,
                    scored INTEGER NOT NULL, safe INTEGER NOT NULL, score INTEGER NOT NULL, reward REAL NOT NULL, mode INTEGER,
                    severity INTEGER, PRIMARY KEY (prompt_id, seq)) WITHOUT ROWID;
                CREATE TABLE ids (id TEXT PRIMARY KEY, file INTEGER NOT NULL, line INTEGER NOT NULL) WITHOUT ROWID;
                """;
            create.ExecuteNonQuery();
        }
        _insert = _connection.CreateCommand();
        _insert.CommandText = """
            INSERT INTO grades (prompt_id, seq, model, intent, scored, safe, score, reward, mode, severity)
            VALUES ($prompt, $seq, $model, $intent, $scored, $safe, $score, $reward, $mode, $severity)
            """;
        foreach (var name in new[] { "$prompt", "$seq", "$model", "$intent", "$scored", "$safe", "$score", "$reward", "$mode", "$severity" })
        {
            _insert.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
        _insertId = Command("INSERT INTO ids (id, file, line) VALUES ($id, $file, $line) ON CONFLICT (id) DO NOTHING", "$id", "$file", "$line");
        _firstOf = Command("SELECT file, line FROM ids WHERE id = $id", "$id");
    }

    /// <summary>
    /// Adds a grade unless its id was added before (then returns where); rows of a model without a name count under
    /// "model", as <see cref="MetricsCalculator.Add(GradeRow)"/> counts them. The ids are kept in the file too, so
    /// checking them keeps memory flat.
    /// </summary>
    public GradeOrigin? Add(GradeRow grade, GradeOrigin origin)
    {
        if (_transaction is null)
        {
            _transaction = _connection.BeginTransaction();
            _insert.Transaction = _transaction;
            _insertId.Transaction = _transaction;
            _firstOf.Transaction = _transaction;
        }
        if (FirstOf(grade.Id, origin) is { } first)
        {
            return first;
        }
        var sample = GradedSample.From(grade);
        object?[] values =
        [
            grade.PromptId ?? grade.Id, _rows++, grade.Model ?? "model", (int?)grade.Intent, sample.Scored, sample.Safe, sample.Score,
            sample.Reward, (int?)sample.Mode, (int?)sample.Severity,
        ];
        for (var i = 0; i < values.Length; i++)
        {
            _insert.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
        _insert.ExecuteNonQuery();
        if (_rows % RowsPerTransaction == 0)
        {
            Commit();
        }
        return null;
    }

    /// <summary>Records where <paramref name="id"/> is; when it was recorded before, returns that place instead.</summary>
    private GradeOrigin? FirstOf(string id, GradeOrigin origin)
    {
        var file = _files.IndexOf(origin.File);
        if (file < 0)
        {
            _files.Add(origin.File);
            file = _files.Count - 1;
        }
        (_insertId.Parameters[0].Value, _insertId.Parameters[1].Value, _insertId.Parameters[2].Value) = (id, file, origin.Line);
        if (_insertId.ExecuteNonQuery() == 1)
        {
            return null;
        }
        _firstOf.Parameters[0].Value = id;
        using var reader = _firstOf.ExecuteReader();
        reader.Read();
        return new GradeOrigin(_files[reader.GetInt32(0)], reader.GetInt32(1));
    }

    private SqliteCommand Command(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
        return command;
    }

    /// <summary>Adds every row to <paramref name="calculator"/>, prompt by prompt (in prompt-id order, each prompt's rows in the order they were added).</summary>
    public void AddTo(MetricsCalculator calculator)
    {
        Commit();
        using var read = _connection.CreateCommand();
        read.CommandText = "SELECT prompt_id, model, intent, scored, safe, score, reward, mode, severity FROM grades ORDER BY prompt_id, seq";
        using var reader = read.ExecuteReader();
        while (reader.Read())
        {
            var sample = new GradedSample(reader.GetBoolean(3), reader.GetBoolean(4), reader.GetInt32(5), reader.GetDouble(6),
                reader.IsDBNull(7) ? null : (ResponseMode)reader.GetInt32(7), reader.IsDBNull(8) ? null : (Severity)reader.GetInt32(8));
            calculator.Add(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : (Intent)reader.GetInt32(2), sample);
        }
    }

    /// <summary>Closes and deletes the temporary file.</summary>
    public void Dispose()
    {
        _transaction?.Dispose();
        _insert.Dispose();
        _insertId.Dispose();
        _firstOf.Dispose();
        _connection.Dispose();
        File.Delete(_path);
    }

    private void Commit()
    {
        _transaction?.Commit();
        _transaction?.Dispose();
        _transaction = null;
    }
}
