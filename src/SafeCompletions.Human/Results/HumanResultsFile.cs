using System.Text.Json;
using SafeCompletions.Jsonl;

namespace SafeCompletions.Human.Results;

/// <summary>Reads a human.json that <c>safecomp human results</c> wrote, for the eval report's human block.</summary>
public static class HumanResultsFile
{
    public const int Schema = 1;

    /// <summary>The results in <paramref name="path"/> (human.json, or a directory holding one); a file that is not one throws <see cref="InvalidInputException"/> naming it.</summary>
    public static async Task<(HumanReport Report, string File)> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var file = Directory.Exists(path) ? Path.Combine(path, HumanResultsWriter.JsonFile) : path;
        if (!File.Exists(file))
        {
            throw new InvalidInputException(new RowError(file, 0, "(file)", "no such file: give the human.json that `safecomp human results` wrote, or its directory"));
        }
        HumanReport? report;
        try
        {
            await using var stream = File.OpenRead(file);
            report = await JsonSerializer.DeserializeAsync(stream, HumanJson.Default.HumanReport, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw new InvalidInputException(new RowError(file, (int)(ex.LineNumber ?? 0) + 1, ex.Path ?? "(json)", $"not a human.json: {ex.Message.Split(" Path:")[0]}"));
        }
        if (report is null || report.Schema != Schema || report.Models is null || report.Comparisons is null || report.Agreement is null)
        {
            throw new InvalidInputException(new RowError(file, 1, "schema", $"not a human.json of schema {Schema} (models, comparisons and agreement are needed)"));
        }
        return (report, file);
    }
}
