using SafeCompletions.Contracts;
using SafeCompletions.Jsonl;

namespace SafeCompletions.Models;

/// <summary>
/// <c>responses:FILE</c>: responses recorded earlier, looked up by prompt id and sample; no model call. The file decides
/// how many samples a prompt has (the run's K does not apply). A missing prompt gives a failed sample with the reason.
/// </summary>
public sealed class RecordedResponses : IResponseGenerator
{
    private readonly Dictionary<(string Prompt, int Sample), ResponseRow> _rows = [];
    private readonly Dictionary<string, int> _samples = new(StringComparer.Ordinal);
    private readonly string _path;

    private RecordedResponses(string name, string path)
    {
        Name = name;
        _path = path;
    }

    public string Name { get; }

    public static async Task<RecordedResponses> LoadAsync(string name, string path, CancellationToken cancellationToken = default)
    {
        var recorded = new RecordedResponses(name, path);
        await foreach (var line in JsonlReader.ReadAsync(path, ContractJson.Default.ResponseRow, RowValidation.Response, cancellationToken).ConfigureAwait(false))
        {
            var row = line.Row ?? throw new InvalidInputException(line.Error!);
            var prompt = row.PromptId ?? row.Id!;
            var sample = row.Sample ?? recorded._samples.GetValueOrDefault(prompt);
            recorded._rows[(prompt, sample)] = row;
            recorded._samples[prompt] = Math.Max(recorded._samples.GetValueOrDefault(prompt), sample + 1);
        }
        return recorded;
    }

    public int SamplesFor(string promptId, int requested) => Math.Max(1, _samples.GetValueOrDefault(promptId));

    /// <summary>
    /// The recorded response, its reasoning split off as a live reply's is (<see cref="ReasoningSplitter"/>): a
    /// <c>&lt;think&gt;</c> block in the recorded text is stored as <c>reasoning</c> (unless the row has its own) and the
    /// answer as <c>response</c>, exactly what <c>safecomp grade</c> would grade of the same row.
    /// </summary>
    public Task<GeneratedResponse> GenerateAsync(PromptRow prompt, int sample, CancellationToken cancellationToken = default)
    {
        if (!_rows.TryGetValue((prompt.Id!, sample), out var row))
        {
            return Task.FromResult(GeneratedResponse.Failed($"no recorded response for prompt '{prompt.Id}' sample {sample} in {_path}"));
        }
        var inline = ReasoningSplitter.Split(row.Response!).Reasoning;
        return Task.FromResult(new GeneratedResponse(ReasoningSplitter.FinalAnswer(row.Response!), row.Reasoning ?? (inline is { Length: > 0 } ? inline : null), null));
    }
}
