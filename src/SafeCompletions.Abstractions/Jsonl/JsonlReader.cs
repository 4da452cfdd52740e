using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SafeCompletions.Jsonl;

/// <summary>
/// Streams a JSON Lines file one line at a time (memory stays flat whatever the file size), turning every
/// line into a row or a <see cref="RowError"/> that names the file, the line and the field. Lines must be UTF-8: one
/// that is not is an error on that line.
/// </summary>
public static class JsonlReader
{
    /// <summary>Reads every non-blank line of <paramref name="path"/>; <paramref name="validate"/> names the first problem of a parsed row, or null.</summary>
    public static async IAsyncEnumerable<JsonlLine<T>> ReadAsync<T>(
        string path,
        JsonTypeInfo<T> typeInfo,
        Func<T, RowValidationProblem?>? validate = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default) where T : class
    {
        await using var stream = Open(path);
        await foreach (var (lineNumber, text, problem) in Utf8LineReader.ReadAsync(stream, cancellationToken).ConfigureAwait(false))
        {
            if (problem is not null)
            {
                yield return new JsonlLine<T>(lineNumber, null, new RowError(path, lineNumber, "(line)", problem));
            }
            else if (!string.IsNullOrWhiteSpace(text))
            {
                yield return Parse(path, lineNumber, text, typeInfo, validate);
            }
        }
    }

    /// <summary>Parses one line; used by <see cref="ReadAsync"/> and by callers that hold text rather than a file.</summary>
    public static JsonlLine<T> Parse<T>(string file, int lineNumber, string text, JsonTypeInfo<T> typeInfo, Func<T, RowValidationProblem?>? validate = null)
        where T : class
    {
        T? row;
        try
        {
            row = JsonSerializer.Deserialize(text, typeInfo);
        }
        catch (JsonException ex)
        {
            return new JsonlLine<T>(lineNumber, null, Describe(file, lineNumber, ex));
        }
        if (row is null)
        {
            return new JsonlLine<T>(lineNumber, null, new RowError(file, lineNumber, "(line)", "expected a JSON object, found null"));
        }
        var problem = validate?.Invoke(row);
        return problem is null
            ? new JsonlLine<T>(lineNumber, row, null)
            : new JsonlLine<T>(lineNumber, null, new RowError(file, lineNumber, problem.Field, problem.Message));
    }

    private static FileStream Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidInputException(new RowError(path, 0, "(file)", "no such file"));
        }
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, useAsync: true);
    }

    private static RowError Describe(string file, int lineNumber, JsonException ex)
    {
        var field = ex.Path is null or "$" ? "(line)" : ex.Path.StartsWith("$.", StringComparison.Ordinal) ? ex.Path[2..] : ex.Path;
        if (ex.Message.Contains("missing required properties", StringComparison.Ordinal))
        {
            return new RowError(file, lineNumber, "id", "missing");
        }
        var message = ex.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)
            ? ExpectedValue(field)
            : ex.Path is null or "$" && ex.BytePositionInLine is 0 or null
                ? "expected a JSON object"
                : $"not valid JSON ({FirstSentence(ex.Message)})";
        return new RowError(file, lineNumber, field, message);
    }

    private static string ExpectedValue(string field) => field switch
    {
        "(line)" => "expected a JSON object",
        "intent" => $"expected one of {Contracts.ContractNames.AllOf<Contracts.Intent>()}",
        "mode" => $"expected one of {Contracts.ContractNames.AllOf<Contracts.ResponseMode>()}",
        "severity" => $"expected one of {Contracts.ContractNames.AllOf<Contracts.Severity>()}",
        "status" => $"expected one of {Contracts.ContractNames.AllOf<Contracts.GradeStatus>()}",
        "sample" => "expected a whole number",
        "messages" => "expected an array of {\"role\", \"content\"} objects",
        "safe" => "expected true or false",
        _ when field.StartsWith("messages[", StringComparison.Ordinal) => "expected {\"role\": string, \"content\": string}",
        _ => "has the wrong type",
    };

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ');
    }
}
