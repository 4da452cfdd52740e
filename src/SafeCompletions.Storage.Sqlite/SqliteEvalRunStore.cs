using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SafeCompletions.Contracts;
using SafeCompletions.Runs;

namespace SafeCompletions.Storage.Sqlite;

/// <summary>
/// All state of an evaluation run, in SQLite in the run's directory: the prompts, every response and every grade, each
/// committed as soon as it exists. A run killed at any moment loses at most the work in flight; running the same command
/// again picks up what is missing. (WAL journal: a committed row survives the process being killed.) Reads and writes
/// take turns on the one connection, so concurrent workers may call any member.
/// </summary>
public sealed class SqliteEvalRunStore : IEvalRunStore
{
    private readonly RunDatabase _db;

    public SqliteEvalRunStore(string path) => _db = new RunDatabase(path, """
        CREATE TABLE IF NOT EXISTS prompts (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, row TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS responses (model TEXT NOT NULL, prompt_id TEXT NOT NULL, sample INTEGER NOT NULL, row TEXT NOT NULL,
            failed INTEGER NOT NULL, PRIMARY KEY (model, prompt_id, sample));
        CREATE TABLE IF NOT EXISTS grades (model TEXT NOT NULL, prompt_id TEXT NOT NULL, sample INTEGER NOT NULL, row TEXT NOT NULL,
            unscored INTEGER NOT NULL, PRIMARY KEY (model, prompt_id, sample));
        """);

    /// <inheritdoc/>
    public void Settle(string key, string value) => _db.Settle(key, value);

    /// <inheritdoc/>
    public async Task<int> AddPromptsAsync(IAsyncEnumerable<PromptRow> prompts, CancellationToken cancellationToken = default)
    {
        var batch = new List<PromptRow>(1000);
        await foreach (var prompt in prompts.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            batch.Add(prompt);
            if (batch.Count == 1000)
            {
                InsertPrompts(batch);
                batch.Clear();
            }
        }
        InsertPrompts(batch);
        return _db.Count("SELECT COUNT(*) FROM prompts");
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<(long Seq, PromptRow Row)>> PromptPageAsync(long after, int pageSize, CancellationToken cancellationToken = default) =>
        await _db.LockedAsync(() => ReadPage(after, pageSize), cancellationToken).ConfigureAwait(false);

    private List<(long Seq, PromptRow Row)> ReadPage(long after, int pageSize)
    {
        var page = new List<(long Seq, PromptRow Row)>();
        using var command = _db.Connection.CreateCommand();
        command.CommandText = "SELECT seq, row FROM prompts WHERE seq > $after ORDER BY seq LIMIT $limit";
        command.Parameters.AddWithValue("$after", after);
        command.Parameters.AddWithValue("$limit", pageSize);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            page.Add((reader.GetInt64(0), JsonSerializer.Deserialize(reader.GetString(1), ContractJson.Default.PromptRow)!));
        }
        return page;
    }

    /// <inheritdoc/>
    public Task<HashSet<(string Prompt, int Sample)>> ExistingResponsesAsync(string model, IReadOnlyCollection<string> promptIds, CancellationToken cancellationToken = default) =>
        _db.LockedAsync(() => ExistingResponses(model, promptIds), cancellationToken);

    private HashSet<(string Prompt, int Sample)> ExistingResponses(string model, IReadOnlyCollection<string> promptIds)
    {
        var existing = new HashSet<(string, int)>();
        using var command = _db.Connection.CreateCommand();
        command.CommandText = "SELECT prompt_id, sample FROM responses WHERE model = $model AND prompt_id = $prompt";
        var modelParameter = command.Parameters.AddWithValue("$model", model);
        var promptParameter = command.Parameters.Add("$prompt", SqliteType.Text);
        foreach (var id in promptIds)
        {
            promptParameter.Value = id;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                existing.Add((reader.GetString(0), reader.GetInt32(1)));
            }
        }
        return existing;
    }

    /// <inheritdoc/>
    public Task SaveResponseAsync(ResponseRow row, bool failed, CancellationToken cancellationToken = default) =>
        _db.LockedAsync(() => _db.Execute(
            "INSERT OR IGNORE INTO responses (model, prompt_id, sample, row, failed) VALUES ($model, $prompt, $sample, $row, $failed)",
            ("$model", row.Model!), ("$prompt", row.PromptId!), ("$sample", row.Sample!.Value),
            ("$row", JsonSerializer.Serialize(row, ContractJson.Default.ResponseRow)), ("$failed", failed ? 1 : 0)), cancellationToken);

    /// <inheritdoc/>
    public Task SaveGradeAsync(GradeRow grade, CancellationToken cancellationToken = default) =>
        _db.LockedAsync(() => _db.Execute(
            "INSERT OR IGNORE INTO grades (model, prompt_id, sample, row, unscored) VALUES ($model, $prompt, $sample, $row, $unscored)",
            ("$model", grade.Model!), ("$prompt", grade.PromptId!), ("$sample", grade.Sample!.Value),
            ("$row", JsonSerializer.Serialize(grade, ContractJson.Default.GradeRow)), ("$unscored", grade.Status == GradeStatus.Unscored ? 1 : 0)), cancellationToken);

    /// <inheritdoc/>
    /// <remarks>Reading on from the last key keeps each page one index range instead of a scan past every graded row from the start.</remarks>
    public async Task<IReadOnlyList<(ResponseRow Row, bool Failed)>> UngradedResponsesAsync(int limit, (string Model, string Prompt, int Sample)? after = null,
        long? upTo = null, CancellationToken cancellationToken = default) =>
        await _db.LockedAsync(() => UngradedResponses(limit, after, upTo), cancellationToken).ConfigureAwait(false);

    private List<(ResponseRow Row, bool Failed)> UngradedResponses(int limit, (string Model, string Prompt, int Sample)? after, long? upToRowId)
    {
        using var command = _db.Connection.CreateCommand();
        command.CommandText = $"""
            SELECT r.row, r.failed FROM responses r
            LEFT JOIN grades g ON g.model = r.model AND g.prompt_id = r.prompt_id AND g.sample = r.sample
            WHERE g.row IS NULL {(after is null ? "" : "AND (r.model, r.prompt_id, r.sample) > ($model, $prompt, $sample)")}
            {(upToRowId is null ? "" : "AND r.rowid <= $upTo")}
            ORDER BY r.model, r.prompt_id, r.sample LIMIT $limit
            """;
        if (after is { } key)
        {
            command.Parameters.AddWithValue("$model", key.Model);
            command.Parameters.AddWithValue("$prompt", key.Prompt);
            command.Parameters.AddWithValue("$sample", key.Sample);
        }
        if (upToRowId is { } upTo)
        {
            command.Parameters.AddWithValue("$upTo", upTo);
        }
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        var rows = new List<(ResponseRow, bool)>();
        while (reader.Read())
        {
            rows.Add((JsonSerializer.Deserialize(reader.GetString(0), ContractJson.Default.ResponseRow)!, reader.GetInt32(1) == 1));
        }
        return rows;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyDictionary<string, ResponseRow>> ResponsesAsync(IReadOnlyCollection<(string Model, string Prompt, int Sample)> keys, CancellationToken cancellationToken = default) =>
        await _db.LockedAsync(() => Responses(keys), cancellationToken).ConfigureAwait(false);

    private Dictionary<string, ResponseRow> Responses(IReadOnlyCollection<(string Model, string Prompt, int Sample)> keys)
    {
        var rows = new Dictionary<string, ResponseRow>(StringComparer.Ordinal);
        using var command = _db.Connection.CreateCommand();
        command.CommandText = "SELECT row FROM responses WHERE model = $model AND prompt_id = $prompt AND sample = $sample";
        var model = command.Parameters.Add("$model", SqliteType.Text);
        var prompt = command.Parameters.Add("$prompt", SqliteType.Text);
        var sample = command.Parameters.Add("$sample", SqliteType.Integer);
        foreach (var key in keys)
        {
            (model.Value, prompt.Value, sample.Value) = key;
            if (command.ExecuteScalar() is string text && JsonSerializer.Deserialize(text, ContractJson.Default.ResponseRow) is { Id: { } id } row)
            {
                rows[id] = row;
            }
        }
        return rows;
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ResponseRow> ResponsesInOrderAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var text in RowsInOrder("responses"))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return JsonSerializer.Deserialize(text, ContractJson.Default.ResponseRow)!;
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<GradeRow> GradesInOrderAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var text in RowsInOrder("grades"))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return JsonSerializer.Deserialize(text, ContractJson.Default.GradeRow)!;
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>The row id of the response stored last (0 when there is none): later responses have larger ones.</remarks>
    public long ResponsesMark() => _db.Count64("SELECT COALESCE(MAX(rowid), 0) FROM responses");

    /// <summary>Every stored row of a table (responses or grades), ordered by model, prompt order and sample.</summary>
    private IEnumerable<string> RowsInOrder(string table)
    {
        if (table is not ("responses" or "grades"))
        {
            throw new ArgumentOutOfRangeException(nameof(table), table, "responses or grades");
        }
        foreach (var model in Models(table))
        {
            // Prompts in sequence, each one's rows found by the primary key: rows come out in order with no sort, so
            // SQLite never holds a large run's rows in a temporary B-tree (CROSS JOIN fixes the loop order).
            using var command = _db.Connection.CreateCommand();
            command.CommandText = $"SELECT t.row FROM prompts p CROSS JOIN {table} t ON t.model = $model AND t.prompt_id = p.id ORDER BY p.seq, t.sample";
            command.Parameters.AddWithValue("$model", model);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                yield return reader.GetString(0);
            }
        }
    }

    /// <inheritdoc/>
    /// <remarks>Read while no write is in flight (the run's outputs are written after its work).</remarks>
    public async IAsyncEnumerable<GradeRow> GradesByPromptAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var command = _db.Connection.CreateCommand();
        command.CommandText = GradesByPromptSql;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return JsonSerializer.Deserialize(reader.GetString(0), ContractJson.Default.GradeRow)!;
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <summary>
    /// Prompts in sequence and, for each, the rows of every model (the IN list, which SQLite walks in order) found by the
    /// primary key: no sort, so SQLite never holds a large run's rows in a temporary B-tree (CROSS JOIN fixes the loop order).
    /// </summary>
    internal const string GradesByPromptSql = """
        SELECT t.row FROM prompts p CROSS JOIN grades t
        ON t.model IN (SELECT DISTINCT model FROM grades) AND t.prompt_id = p.id
        ORDER BY p.seq, t.model, t.sample
        """;

    private List<string> Models(string table)
    {
        using var command = _db.Connection.CreateCommand();
        command.CommandText = $"SELECT DISTINCT model FROM {table} ORDER BY model";
        using var reader = command.ExecuteReader();
        var models = new List<string>();
        while (reader.Read())
        {
            models.Add(reader.GetString(0));
        }
        return models;
    }

    /// <inheritdoc/>
    public (int Responses, int Failed, int Grades, int Unscored) Counts() => (
        _db.Count("SELECT COUNT(*) FROM responses"), _db.Count("SELECT COUNT(*) FROM responses WHERE failed = 1"),
        _db.Count("SELECT COUNT(*) FROM grades"), _db.Count("SELECT COUNT(*) FROM grades WHERE unscored = 1"));

    public void Dispose() => _db.Dispose();

    private void InsertPrompts(List<PromptRow> prompts)
    {
        using var transaction = _db.Connection.BeginTransaction();
        using var command = _db.Connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT OR IGNORE INTO prompts (id, row) VALUES ($id, $row)";
        var id = command.Parameters.Add("$id", SqliteType.Text);
        var row = command.Parameters.Add("$row", SqliteType.Text);
        foreach (var prompt in prompts)
        {
            id.Value = prompt.Id;
            row.Value = JsonSerializer.Serialize(prompt, ContractJson.Default.PromptRow);
            command.ExecuteNonQuery();
        }
        transaction.Commit();
    }
}
