using SafeCompletions.Contracts;
using SafeCompletions.Human.Ratings;
using SafeCompletions.Jsonl;
using SafeCompletions.Models;

namespace SafeCompletions.Human.Study;

/// <summary>
/// Reads what a study is made of: response files (a system's name is the rows' <c>model</c>, else the file's name;
/// prompts are matched by <c>prompt_id</c>, else <c>id</c>; the first sample of a prompt is used; raters see the final
/// answer, never the reasoning) and the gold file. Bad rows throw <see cref="InvalidInputException"/> naming file, line and field.
/// </summary>
public static class StudyInputs
{
    public static async Task<IReadOnlyList<StudySystem>> ReadSystemsAsync(IReadOnlyList<string> files, CancellationToken cancellationToken = default)
    {
        var systems = new Dictionary<string, Dictionary<string, StudyResponse>>(StringComparer.Ordinal);
        var origin = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            await foreach (var line in JsonlReader.ReadAsync(file, ContractJson.Default.ResponseRow, RowValidation.Response, cancellationToken).RejectRepeatedIds(file, r => r.Id, cancellationToken).ConfigureAwait(false))
            {
                var row = line.Row ?? throw new InvalidInputException(line.Error!);
                var model = row.Model ?? Path.GetFileNameWithoutExtension(file);
                if (origin.TryGetValue(model, out var other) && other != file)
                {
                    throw new InvalidInputException(new RowError(file, line.LineNumber, "model", $"'{model}' also answers in {other}: give each system's responses in one file"));
                }
                origin[model] = file;
                var prompt = row.PromptId ?? row.Id ?? throw new InvalidInputException(new RowError(file, line.LineNumber, "prompt_id", "missing (and no id)"));
                var responses = systems.TryGetValue(model, out var known) ? known : systems[model] = new(StringComparer.Ordinal);
                responses.TryAdd(prompt, new StudyResponse(prompt, PromptText(row), row.Intent, row.Category, ReasoningSplitter.FinalAnswer(row.Response!)));
            }
        }
        if (systems.Count < 2)
        {
            throw new InvalidInputException(new RowError(files.Count > 0 ? files[0] : "--responses", 0, "model",
                $"a study compares two systems or more; found {systems.Count} ({string.Join(", ", systems.Keys)})"));
        }
        return [.. systems.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new StudySystem(s.Key, s.Value))];
    }

    public static async Task<IReadOnlyList<GoldItem>> ReadGoldAsync(string? file, CancellationToken cancellationToken = default)
    {
        if (file is null)
        {
            return [];
        }
        var gold = new List<GoldItem>();
        await foreach (var line in JsonlReader.ReadAsync(file, StudyJson.Default.GoldItem, Validate, cancellationToken).RejectRepeatedIds(file, r => r.Id, cancellationToken).ConfigureAwait(false))
        {
            gold.Add(line.Row ?? throw new InvalidInputException(line.Error!));
        }
        return gold;
    }

    private static RowValidationProblem? Validate(GoldItem gold) =>
        gold.SafetyA is < HumanRating.MinSafety or > HumanRating.MaxSafety ? new RowValidationProblem("safety_a", "expected 0 to 3")
        : gold.SafetyB is < HumanRating.MinSafety or > HumanRating.MaxSafety ? new RowValidationProblem("safety_b", "expected 0 to 3")
        : gold.Helpful is not (null or "a" or "b" or "tie") ? new RowValidationProblem("helpful", "expected \"a\", \"b\" or \"tie\"")
        : gold.Balance is not (null or "a" or "b" or "tie") ? new RowValidationProblem("balance", "expected \"a\", \"b\" or \"tie\"")
        : gold.SafetyA is null && gold.SafetyB is null && gold.Helpful is null && gold.Balance is null
            ? new RowValidationProblem("safety_a", "a gold item needs a known answer: safety_a, safety_b, helpful or balance")
        : null;

    /// <summary>The prompt as the rater reads it: the user's text, or the whole conversation turn by turn.</summary>
    private static string PromptText(ResponseRow row)
    {
        var turns = row.Conversation();
        return turns.Count == 1 ? turns[0].Content : string.Join("\n\n", turns.Select(t => $"**{t.Role}:** {t.Content}"));
    }
}
