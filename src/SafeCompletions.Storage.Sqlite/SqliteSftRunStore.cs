using System.Text.Json;
using Microsoft.Data.Sqlite;
using SafeCompletions.Contracts;
using SafeCompletions.Sft;

namespace SafeCompletions.Storage.Sqlite;

/// <summary>
/// All state of an SFT run, in SQLite in its directory: the prompts as read, the unique prompts (units) and every
/// candidate with its grade, each committed as soon as it exists, so a killed run loses at most the calls in flight
/// and the same command finishes it.
/// </summary>
public sealed class SqliteSftRunStore : ISftRunStore
{
    private readonly RunDatabase _db;

    public SqliteSftRunStore(string path) => _db = new RunDatabase(path, """
        CREATE TABLE IF NOT EXISTS prompts (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, key TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS units (seq INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL UNIQUE, row TEXT NOT NULL,
            category TEXT NOT NULL, inferred INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS candidates (key TEXT NOT NULL, idx INTEGER NOT NULL, generated TEXT NOT NULL, grade TEXT,
            PRIMARY KEY (key, idx));
        """);

    /// <inheritdoc/>
    public void Settle(string key, string value) => _db.Settle(key, value);

    /// <inheritdoc/>
    /// <remarks>A transaction per thousand prompts.</remarks>
    public async Task<(int Prompts, int Units)> AddPromptsAsync(IAsyncEnumerable<SftPrompt> prompts, CancellationToken cancellationToken = default)
    {
        var batch = new List<SftPrompt>(1000);
        await foreach (var prompt in prompts.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            batch.Add(prompt);
            if (batch.Count == batch.Capacity)
            {
                InsertPrompts(batch);
                batch.Clear();
            }
        }
        InsertPrompts(batch);
        return Counts();
    }

    private void InsertPrompts(List<SftPrompt> prompts)
    {
        using var transaction = _db.Connection.BeginTransaction();
        using var prompt = Command(transaction, "INSERT OR IGNORE INTO prompts (id, key) VALUES ($id, $key)", "$id", "$key");
        using var unit = Command(transaction, "INSERT OR IGNORE INTO units (key, row, category, inferred) VALUES ($key, $row, $category, $inferred)",
            "$key", "$row", "$category", "$inferred");
        foreach (var p in prompts)
        {
            prompt.Parameters["$id"].Value = p.Row.Id;
            prompt.Parameters["$key"].Value = p.Key;
            if (prompt.ExecuteNonQuery() == 0)
            {
                continue;
            }
            unit.Parameters["$key"].Value = p.Key;
            unit.Parameters["$row"].Value = JsonSerializer.Serialize(p.Row, SqliteJson.Default.PromptRow);
            unit.Parameters["$category"].Value = p.Category;
            unit.Parameters["$inferred"].Value = p.CategoryInferred ? 1 : 0;
            unit.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    /// <inheritdoc/>
    public (int Prompts, int Units) Counts() => (_db.Count("SELECT COUNT(*) FROM prompts"), _db.Count("SELECT COUNT(*) FROM units"));

    /// <inheritdoc/>
    public Task<List<(long Seq, SftPrompt Prompt, Dictionary<int, (GeneratedCandidate Candidate, Grade? Grade)> Candidates)>> UnitPageAsync(
        long after, int pageSize, CancellationToken cancellationToken = default) =>
        _db.LockedAsync(() => UnitPage(after, pageSize), cancellationToken);

    /// <inheritdoc/>
    public Task SaveCandidateAsync(string key, int index, GeneratedCandidate candidate, Grade? grade, CancellationToken cancellationToken = default) =>
        _db.LockedAsync(() => _db.Execute(
            "INSERT OR REPLACE INTO candidates (key, idx, generated, grade) VALUES ($key, $idx, $generated, $grade)",
            ("$key", key), ("$idx", index), ("$generated", JsonSerializer.Serialize(candidate, SqliteJson.Default.GeneratedCandidate)),
            ("$grade", grade is null ? DBNull.Value : JsonSerializer.Serialize(grade, SqliteJson.Default.Grade))), cancellationToken);

    public void Dispose() => _db.Dispose();

    private List<(long, SftPrompt, Dictionary<int, (GeneratedCandidate, Grade?)>)> UnitPage(long after, int pageSize)
    {
        var page = new List<(long Seq, SftPrompt Prompt, Dictionary<int, (GeneratedCandidate, Grade?)> Candidates)>();
        using (var units = _db.Connection.CreateCommand())
        {
            units.CommandText = "SELECT seq, key, row, category, inferred FROM units WHERE seq > $after ORDER BY seq LIMIT $limit";
            units.Parameters.AddWithValue("$after", after);
            units.Parameters.AddWithValue("$limit", pageSize);
            using var reader = units.ExecuteReader();
            while (reader.Read())
            {
                var prompt = new SftPrompt(reader.GetString(1), JsonSerializer.Deserialize(reader.GetString(2), SqliteJson.Default.PromptRow)!,
                    reader.GetString(3), reader.GetInt32(4) == 1);
                page.Add((reader.GetInt64(0), prompt, []));
            }
        }
        if (page.Count == 0)
        {
            return page;
        }
        using var candidates = _db.Connection.CreateCommand();
        candidates.CommandText = """
            SELECT u.seq, c.idx, c.generated, c.grade FROM candidates c JOIN units u ON u.key = c.key
            WHERE u.seq > $after AND u.seq <= $last
            """;
        candidates.Parameters.AddWithValue("$after", after);
        candidates.Parameters.AddWithValue("$last", page[^1].Seq);
        using (var reader = candidates.ExecuteReader())
        {
            var bySeq = page.ToDictionary(p => p.Seq, p => p.Candidates);
            while (reader.Read())
            {
                var generated = JsonSerializer.Deserialize(reader.GetString(2), SqliteJson.Default.GeneratedCandidate)!;
                var grade = reader.IsDBNull(3) ? null : JsonSerializer.Deserialize(reader.GetString(3), SqliteJson.Default.Grade);
                bySeq[reader.GetInt64(0)][reader.GetInt32(1)] = (generated, grade);
            }
        }
        return page;
    }

    private SqliteCommand Command(SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = _db.Connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
        return command;
    }
}
