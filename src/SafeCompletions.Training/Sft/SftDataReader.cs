using System.Text.Json;
using System.Text.Json.Nodes;
using SafeCompletions.Training.Chat;

namespace SafeCompletions.Training.Sft;

/// <summary>
/// Reads <c>safecomp sft</c> output: TRL's prompt-completion rows (<c>{"prompt":[…],"completion":[{"role":"assistant",…}]}</c>)
/// or conversation rows (<c>{"messages":[…, {"role":"assistant",…}]}</c>); an assistant's <c>thinking</c> is kept.
/// </summary>
public static class SftDataReader
{
    public static IReadOnlyList<SftExample> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"no training data at {path}", path);
        }
        var examples = new List<SftExample>();
        var line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (!string.IsNullOrWhiteSpace(text))
            {
                examples.Add(Parse(text, path, line));
            }
        }
        return examples.Count > 0 ? examples : throw SftRowError.At(path, line, "file", "no training rows");
    }

    private static SftExample Parse(string text, string file, int line)
    {
        JsonObject row;
        try
        {
            row = JsonNode.Parse(text) as JsonObject ?? throw SftRowError.At(file, line, "row", "not a JSON object");
        }
        catch (JsonException ex)
        {
            throw SftRowError.At(file, line, "row", $"not JSON: {ex.Message}");
        }
        if (row["messages"] is { } messages)
        {
            var turns = Turns(messages, file, line, "messages");
            return turns is [.. var prompt, { Role: "assistant" } last] && prompt.Count > 0
                ? new SftExample(prompt, last, file, line)
                : throw SftRowError.At(file, line, "messages", "must end with an assistant turn after at least one other turn");
        }
        var promptTurns = row["prompt"] switch
        {
            null => throw SftRowError.At(file, line, "prompt", "missing (a row needs prompt and completion, or messages)"),
            JsonValue v when v.GetValueKind() == JsonValueKind.String => [new TemplateMessage("user", v.GetValue<string>())],
            var p => Turns(p, file, line, "prompt"),
        };
        var completion = row["completion"] switch
        {
            null => throw SftRowError.At(file, line, "completion", "missing"),
            JsonValue v when v.GetValueKind() == JsonValueKind.String => [new TemplateMessage("assistant", v.GetValue<string>())],
            var c => Turns(c, file, line, "completion"),
        };
        return completion is [{ Role: "assistant" } answer] && promptTurns.Count > 0
            ? new SftExample(promptTurns, answer, file, line)
            : throw SftRowError.At(file, line, "completion", "must be one assistant turn");
    }

    private static List<TemplateMessage> Turns(JsonNode node, string file, int line, string field)
    {
        if (node is not JsonArray array)
        {
            throw SftRowError.At(file, line, field, "not an array of messages");
        }
        var turns = new List<TemplateMessage>();
        for (var i = 0; i < array.Count; i++)
        {
            var at = $"{field}[{i}]";
            if (array[i] is not JsonObject message)
            {
                throw SftRowError.At(file, line, at, "not an object");
            }
            var role = String(message, "role", file, line, at) ?? throw SftRowError.At(file, line, at + ".role", "missing");
            var content = String(message, "content", file, line, at) ?? throw SftRowError.At(file, line, at + ".content", "missing");
            turns.Add(new TemplateMessage(role, content, String(message, "thinking", file, line, at)));
        }
        return turns;
    }

    private static string? String(JsonObject message, string key, string file, int line, string at) => message[key] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => throw SftRowError.At(file, line, $"{at}.{key}", "not a string"),
    };
}
