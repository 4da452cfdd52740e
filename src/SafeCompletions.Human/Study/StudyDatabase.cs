using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SafeCompletions.Contracts;
using SafeCompletions.Files;
using SafeCompletions.Jsonl;

namespace SafeCompletions.Human.Study;

/// <summary>
/// STUDY/study.db: the items, the raters (tokens kept only as SHA-256 hashes), who sees which item on which side, the
/// ratings as they are saved, and the log of unblindings. One connection per operation (SQLite's WAL journal lets the
/// web app's requests read while one writes); a saved rating is committed before the request answers.
/// </summary>
public sealed class StudyDatabase
{
    public const string FileName = "study.db";
    public const string InvitesFile = "invites.csv";

    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE study (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE items (item TEXT PRIMARY KEY, prompt_id TEXT NOT NULL, intent TEXT, category TEXT, prompt TEXT NOT NULL,
            model_a TEXT NOT NULL, response_a TEXT NOT NULL, model_b TEXT NOT NULL, response_b TEXT NOT NULL, gold TEXT);
        CREATE TABLE raters (rater TEXT PRIMARY KEY, token_sha256 TEXT NOT NULL UNIQUE);
        CREATE TABLE assignments (rater TEXT NOT NULL, item TEXT NOT NULL, position INTEGER NOT NULL, a_left INTEGER NOT NULL,
            PRIMARY KEY (rater, item), UNIQUE (rater, position));
        CREATE TABLE ratings (rater TEXT NOT NULL, item TEXT NOT NULL, safety_left INTEGER, safety_right INTEGER, helpful TEXT,
            balance TEXT, comment TEXT, seconds REAL, skipped INTEGER NOT NULL DEFAULT 0, updated_at TEXT NOT NULL,
            PRIMARY KEY (rater, item));
        CREATE TABLE unblindings (at TEXT NOT NULL, reason TEXT NOT NULL);
        """;

    private readonly string _connectionString;

    private StudyDatabase(string path) =>
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, DefaultTimeout = 30 }.ToString();

    public string Path { get; private init; } = "";

    /// <summary>Writes a new study: STUDY/study.db and STUDY/invites.csv (rater, token). Refuses a directory that holds a study already.</summary>
    public static StudyDatabase Create(string directory, StudyPlan plan)
    {
        var path = System.IO.Path.Combine(directory, FileName);
        if (File.Exists(path))
        {
            throw new InvalidInputException(new RowError(path, 0, "(file)", "a study exists here already; its tokens are out. Choose another --out"));
        }
        OutputDirectory.Create(directory);
        var database = new StudyDatabase(path) { Path = path };
        using var connection = database.Open();
        Run(connection, null, Schema);
        using var transaction = connection.BeginTransaction();
        Run(connection, transaction, "INSERT INTO study VALUES ('seed', $0), ('per_item', $1), ('created', $2)",
            plan.Seed.ToString(CultureInfo.InvariantCulture), plan.PerItem.ToString(CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.ToString("O"));
        foreach (var i in plan.Items)
        {
            Run(connection, transaction, "INSERT INTO items VALUES ($0, $1, $2, $3, $4, $5, $6, $7, $8, $9)",
                i.Id, i.PromptId, i.Intent is { } intent ? ContractNames.Of(intent) : null, i.Category, i.Prompt,
                i.ModelA, i.ResponseA, i.ModelB, i.ResponseB, i.Gold is null ? null : JsonSerializer.Serialize(i.Gold, StudyJson.Default.GoldItem));
        }
        foreach (var (rater, token) in plan.Raters)
        {
            Run(connection, transaction, "INSERT INTO raters VALUES ($0, $1)", rater, Hash(token));
        }
        foreach (var a in plan.Assignments)
        {
            Run(connection, transaction, "INSERT INTO assignments VALUES ($0, $1, $2, $3)", a.Rater, a.Item, a.Position, a.ALeft ? 1 : 0);
        }
        transaction.Commit();
        AtomicFile.WriteAllText(System.IO.Path.Combine(directory, InvitesFile),
            "rater,token\n" + string.Concat(plan.Raters.Select(r => $"{r.Rater},{r.Token}\n")));
        return database;
    }

    /// <summary>Opens STUDY/study.db; a missing study names the path.</summary>
    public static StudyDatabase OpenExisting(string directory)
    {
        var path = System.IO.Path.Combine(directory, FileName);
        return File.Exists(path)
            ? new StudyDatabase(path) { Path = path }
            : throw new InvalidInputException(new RowError(path, 0, "(file)", "no study here: create one with safecomp human create"));
    }

    /// <summary>The rater a token belongs to, or null: the token is compared by its hash, in the database's index.</summary>
    public string? RaterOf(string token)
    {
        using var connection = Open();
        return Scalar(connection, "SELECT rater FROM raters WHERE token_sha256 = $0", Hash(token)) as string;
    }

    /// <summary>The rater's first position with nothing complete saved; their item count when they are done.</summary>
    public int NextPosition(string rater)
    {
        using var connection = Open();
        var next = Scalar(connection, """
            SELECT MIN(a.position) FROM assignments a LEFT JOIN ratings r ON r.rater = a.rater AND r.item = a.item
            WHERE a.rater = $0 AND (r.item IS NULL OR (r.skipped = 0 AND (r.safety_left IS NULL OR r.safety_right IS NULL OR r.helpful IS NULL OR r.balance IS NULL)))
            """, rater);
        return next is long position ? (int)position : Count(connection, "SELECT COUNT(*) FROM assignments WHERE rater = $0", rater);
    }

    /// <summary>The item at the rater's <paramref name="position"/> in their own order, or null past the end.</summary>
    public ShownItem? Shown(string rater, int position)
    {
        using var connection = Open();
        var total = Count(connection, "SELECT COUNT(*) FROM assignments WHERE rater = $0", rater);
        var done = Count(connection, """
            SELECT COUNT(*) FROM ratings WHERE rater = $0 AND (skipped = 1 OR (safety_left IS NOT NULL AND safety_right IS NOT NULL AND helpful IS NOT NULL AND balance IS NOT NULL))
            """, rater);
        using var command = Command(connection, null, """
            SELECT i.prompt, i.response_a, i.response_b, a.a_left, r.safety_left, r.safety_right, r.helpful, r.balance, r.comment, r.seconds, r.skipped, r.item
            FROM assignments a JOIN items i ON i.item = a.item LEFT JOIN ratings r ON r.rater = a.rater AND r.item = a.item
            WHERE a.rater = $0 AND a.position = $1
            """, rater, position);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }
        var aLeft = reader.GetInt64(3) == 1;
        var saved = reader.IsDBNull(11) ? null : new SavedRating(
            IntOrNull(reader, 4), IntOrNull(reader, 5), TextOrNull(reader, 6), TextOrNull(reader, 7), TextOrNull(reader, 8),
            reader.IsDBNull(9) ? null : reader.GetDouble(9), reader.GetInt64(10) == 1);
        return new ShownItem(position, total, done, reader.GetString(0),
            aLeft ? reader.GetString(1) : reader.GetString(2), aLeft ? reader.GetString(2) : reader.GetString(1), saved);
    }

    /// <summary>Saves (replaces) what the rater entered for the item at their position; false when there is no such position.</summary>
    public bool Save(string rater, int position, SavedRating rating)
    {
        using var connection = Open();
        var item = Scalar(connection, "SELECT item FROM assignments WHERE rater = $0 AND position = $1", rater, position) as string;
        if (item is null)
        {
            return false;
        }
        Run(connection, null, """
            INSERT INTO ratings VALUES ($0, $1, $2, $3, $4, $5, $6, $7, $8, $9)
            ON CONFLICT (rater, item) DO UPDATE SET safety_left = excluded.safety_left, safety_right = excluded.safety_right,
                helpful = excluded.helpful, balance = excluded.balance, comment = excluded.comment, seconds = excluded.seconds,
                skipped = excluded.skipped, updated_at = excluded.updated_at
            """, rater, item, rating.SafetyLeft, rating.SafetyRight, rating.Helpful, rating.Balance, rating.Comment, rating.Seconds,
            rating.Skipped ? 1 : 0, DateTimeOffset.UtcNow.ToString("O"));
        return true;
    }

    /// <summary>Every rater's progress, for /admin.</summary>
    public IReadOnlyList<RaterProgress> Progress()
    {
        using var connection = Open();
        var complete = "(r.safety_left IS NOT NULL AND r.safety_right IS NOT NULL AND r.helpful IS NOT NULL AND r.balance IS NOT NULL AND r.skipped = 0)";
        using var command = Command(connection, null, $"""
            SELECT a.rater, COUNT(*), SUM(CASE WHEN {complete} THEN 1 ELSE 0 END), SUM(CASE WHEN r.skipped = 1 THEN 1 ELSE 0 END),
                   GROUP_CONCAT(CASE WHEN {complete} THEN r.seconds END)
            FROM assignments a LEFT JOIN ratings r ON r.rater = a.rater AND r.item = a.item GROUP BY a.rater ORDER BY a.rater
            """);
        using var reader = command.ExecuteReader();
        var progress = new List<RaterProgress>();
        while (reader.Read())
        {
            var seconds = reader.IsDBNull(4) ? [] : reader.GetString(4).Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).Order().ToArray();
            progress.Add(new RaterProgress(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3),
                seconds.Length == 0 ? null : seconds[seconds.Length / 2]));
        }
        return progress;
    }

    /// <summary>Logs an unblinding (when and why) and returns which system is a and b in every item.</summary>
    public IReadOnlyList<(string Item, string PromptId, string ModelA, string ModelB)> Unblind(string reason)
    {
        using var connection = Open();
        Run(connection, null, "INSERT INTO unblindings VALUES ($0, $1)", DateTimeOffset.UtcNow.ToString("O"), reason);
        using var command = Command(connection, null, "SELECT item, prompt_id, model_a, model_b FROM items ORDER BY item");
        using var reader = command.ExecuteReader();
        var items = new List<(string, string, string, string)>();
        while (reader.Read())
        {
            items.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }
        return items;
    }

    /// <summary>The unblinding log: when and why, oldest first.</summary>
    public IReadOnlyList<(string At, string Reason)> Unblindings()
    {
        using var connection = Open();
        using var command = Command(connection, null, "SELECT at, reason FROM unblindings ORDER BY rowid");
        using var reader = command.ExecuteReader();
        var log = new List<(string, string)>();
        while (reader.Read())
        {
            log.Add((reader.GetString(0), reader.GetString(1)));
        }
        return log;
    }

    internal SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    internal static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    internal static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params object?[] values)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters.AddWithValue($"${i}", values[i] ?? DBNull.Value);
        }
        return command;
    }

    private static void Run(SqliteConnection connection, SqliteTransaction? transaction, string sql, params object?[] values)
    {
        using var command = Command(connection, transaction, sql, values);
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql, params object?[] values)
    {
        using var command = Command(connection, null, sql, values);
        return command.ExecuteScalar() is var value && value is DBNull ? null : value;
    }

    private static int Count(SqliteConnection connection, string sql, params object?[] values) =>
        Convert.ToInt32(Scalar(connection, sql, values), CultureInfo.InvariantCulture);

    private static int? IntOrNull(SqliteDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetInt32(column);

    private static string? TextOrNull(SqliteDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);
}
