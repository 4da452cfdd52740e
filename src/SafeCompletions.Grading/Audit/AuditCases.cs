using System.Text.Json;
using SafeCompletions.Contracts;
using SafeCompletions.Jsonl;

namespace SafeCompletions.Grading.Audit;

/// <summary>
/// Reads the audit's input: labelled rows in the <c>grader train</c> format (response rows with
/// <c>"label": {"compliance"?, "safe"?}</c>). Only rows with a <c>label.safe</c> measure a flip of the verdict, so the
/// others are counted and left out; a malformed line stops the read naming file, line and field.
/// </summary>
public static class AuditCases
{
    public static async Task<(List<AuditCase> Cases, int WithoutSafeLabel)> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var cases = new List<AuditCase>();
        var withoutSafe = 0;
        await foreach (var line in JsonlReader.ReadAsync(path, ContractJson.Default.ResponseRow, Validate, cancellationToken).RejectRepeatedIds(path, r => r.Id, cancellationToken).ConfigureAwait(false))
        {
            var row = line.Row ?? throw new InvalidInputException(line.Error!);
            if (SafeLabel(row) is { } safe)
            {
                cases.Add(new AuditCase(row.Id!, row.Conversation(), row.Response!, safe, row.Category));
            }
            else
            {
                withoutSafe++;
            }
        }
        if (cases.Count == 0)
        {
            throw new InvalidInputException(new RowError(path, 0, "label.safe", "no row has a safe label (true or false); the audit measures flips of the safe/unsafe verdict"));
        }
        return (cases, withoutSafe);
    }

    private static bool? SafeLabel(ResponseRow row) =>
        row.Extra?.GetValueOrDefault("label") is { ValueKind: JsonValueKind.Object } label
        && label.TryGetProperty("safe", out var safe) && safe.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? safe.GetBoolean()
            : null;

    private static RowValidationProblem? Validate(ResponseRow row) =>
        string.IsNullOrWhiteSpace(row.Id) ? new("id", "missing or empty")
        : row.Prompt is null && row.Messages is not { Count: > 0 } ? new("prompt", "missing; give \"prompt\" or \"messages\"")
        : row.Response is null ? new("response", "missing")
        : row.Extra?.GetValueOrDefault("label") is not { ValueKind: JsonValueKind.Object } label ? new("label", "missing; give {\"compliance\"?, \"safe\"?}")
        : label.TryGetProperty("safe", out var safe) && safe.ValueKind is not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null)
            ? new("label.safe", "expected true or false")
        : null;
}
