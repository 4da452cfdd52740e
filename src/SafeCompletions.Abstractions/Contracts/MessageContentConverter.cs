using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SafeCompletions.Contracts;

/// <summary>
/// Reads a message's <c>content</c> as OpenAI-style chat APIs, TRL and chat templates give it: a string, or a list of
/// parts (<c>[{"type": "text", "text": "…"}, …]</c>) whose text parts are joined with a line break. A part of any
/// other type (an image, audio) cannot be graded from text, so it is an error naming its type rather than dropped
/// silently. <c>null</c> stays null (callers decide what a turn without content means). Written as a string.
/// </summary>
public sealed class MessageContentConverter : JsonConverter<string>
{
    /// <inheritdoc/>
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.StartArray:
                return ReadParts(ref reader);
            default:
                throw new JsonException($"content must be a string or a list of text parts, not {Describe(reader.TokenType)}");
        }
    }

    private static string ReadParts(ref Utf8JsonReader reader)
    {
        var text = new StringBuilder();
        var parts = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException($"content part {parts}: expected an object such as {{\"type\": \"text\", \"text\": \"…\"}}, not {Describe(reader.TokenType)}");
            }
            var part = ReadPart(ref reader, parts);
            text.Append(parts++ == 0 ? "" : "\n").Append(part);
        }
        return text.ToString();
    }

    private static string ReadPart(ref Utf8JsonReader reader, int index)
    {
        string? type = null, text = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            if (name == "type" && reader.TokenType == JsonTokenType.String)
            {
                type = reader.GetString();
            }
            else if (name == "text" && reader.TokenType == JsonTokenType.String)
            {
                text = reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }
        // "input_text" and "output_text" are the OpenAI Responses API's names for the same part.
        var textual = type is "text" or "input_text" or "output_text";
        if (!textual && type is not null)
        {
            throw new JsonException($"content part {index} is of type '{type}': only text parts can be graded");
        }
        return textual && text is not null
            ? text
            : throw new JsonException($"content part {index}: a text part needs \"type\": \"text\" and a string \"text\"");
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.StartObject => "an object",
        _ => token.ToString(),
    };

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
