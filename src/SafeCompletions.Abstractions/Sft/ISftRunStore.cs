using SafeCompletions.Contracts;

namespace SafeCompletions.Sft;

/// <summary>
/// All state of an SFT run: the prompts as read, the unique prompts (units) and every candidate with its grade, each
/// kept as soon as it exists, so a killed run loses at most the calls in flight. SQLite is the default
/// (SafeCompletions.Storage.Sqlite). Every member may be called while other calls are in flight.
/// </summary>
public interface ISftRunStore : IDisposable
{
    /// <inheritdoc cref="Runs.IEvalRunStore.Settle"/>
    void Settle(string key, string value);

    /// <summary>Adds prompts not seen before (by id); a prompt whose conversation is already a unit joins it. Returns the prompt and unit counts.</summary>
    Task<(int Prompts, int Units)> AddPromptsAsync(IAsyncEnumerable<SftPrompt> prompts, CancellationToken cancellationToken = default);

    (int Prompts, int Units) Counts();

    /// <summary>The units after <paramref name="after"/> in the order first read, with their stored candidates by index.</summary>
    Task<List<(long Seq, SftPrompt Prompt, Dictionary<int, (GeneratedCandidate Candidate, Grade? Grade)> Candidates)>> UnitPageAsync(
        long after, int pageSize, CancellationToken cancellationToken = default);

    /// <summary>Keeps a candidate (replacing a failed generation of the same index) with its grade when it has one.</summary>
    Task SaveCandidateAsync(string key, int index, GeneratedCandidate candidate, Grade? grade, CancellationToken cancellationToken = default);
}
