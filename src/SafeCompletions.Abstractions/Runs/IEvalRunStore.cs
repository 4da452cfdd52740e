using SafeCompletions.Contracts;

namespace SafeCompletions.Runs;

/// <summary>
/// All state of an evaluation run: its prompts, every response and every grade, each kept as soon as it exists, so a
/// run killed at any moment loses at most the work in flight and the same call picks up what is missing. SQLite in the
/// run's directory is the default (SafeCompletions.Storage.Sqlite); any store that keeps these promises will do.
/// Every member may be called while other calls are in flight.
/// </summary>
public interface IEvalRunStore : IDisposable
{
    /// <summary>Records a setting of the run, or checks it against the one recorded: a resumed run must ask the same thing (throws <see cref="InvalidOperationException"/> saying what differs).</summary>
    void Settle(string key, string value);

    /// <summary>Adds prompts not seen before (by id); returns how many prompts the run has.</summary>
    Task<int> AddPromptsAsync(IAsyncEnumerable<PromptRow> prompts, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="pageSize"/> prompts after sequence number <paramref name="after"/>, in the order they were added.</summary>
    Task<IReadOnlyList<(long Seq, PromptRow Row)>> PromptPageAsync(long after, int pageSize, CancellationToken cancellationToken = default);

    /// <summary>The (prompt, sample) pairs a model already has a response for, among the given prompts.</summary>
    Task<HashSet<(string Prompt, int Sample)>> ExistingResponsesAsync(string model, IReadOnlyCollection<string> promptIds, CancellationToken cancellationToken = default);

    /// <summary>Keeps a response (its model, prompt id and sample are its key); a second one of the same key is ignored.</summary>
    Task SaveResponseAsync(ResponseRow row, bool failed, CancellationToken cancellationToken = default);

    /// <summary>Keeps a grade (its model, prompt id and sample are its key); a second one of the same key is ignored.</summary>
    Task SaveGradeAsync(GradeRow grade, CancellationToken cancellationToken = default);

    /// <summary>
    /// Up to <paramref name="limit"/> responses without a grade, in key order (model, prompt id, sample) after the key
    /// <paramref name="after"/>, with whether their generation failed; only those stored at or before the mark
    /// <paramref name="upTo"/> (<see cref="ResponsesMark"/>) when given.
    /// </summary>
    Task<IReadOnlyList<(ResponseRow Row, bool Failed)>> UngradedResponsesAsync(int limit, (string Model, string Prompt, int Sample)? after = null,
        long? upTo = null, CancellationToken cancellationToken = default);

    /// <summary>A number that grows with every response stored (0 when there is none): the mark of the one stored last.</summary>
    long ResponsesMark();

    /// <summary>The responses of these keys (model, prompt id, sample) by their row id, for the rows a report shows; keys with none are left out.</summary>
    Task<IReadOnlyDictionary<string, ResponseRow>> ResponsesAsync(IReadOnlyCollection<(string Model, string Prompt, int Sample)> keys, CancellationToken cancellationToken = default);

    /// <summary>Every response, by model, then prompt order, then sample (responses.jsonl's order).</summary>
    IAsyncEnumerable<ResponseRow> ResponsesInOrderAsync(CancellationToken cancellationToken = default);

    /// <summary>Every grade, by model, then prompt order, then sample (grades.jsonl's order).</summary>
    IAsyncEnumerable<GradeRow> GradesInOrderAsync(CancellationToken cancellationToken = default);

    /// <summary>Every grade, prompt by prompt in the order prompts were added, each prompt's by model then sample: the grouping the statistics need.</summary>
    IAsyncEnumerable<GradeRow> GradesByPromptAsync(CancellationToken cancellationToken = default);

    /// <summary>How many responses (and failed generations) and grades (and unscored ones) the run holds.</summary>
    (int Responses, int Failed, int Grades, int Unscored) Counts();
}
