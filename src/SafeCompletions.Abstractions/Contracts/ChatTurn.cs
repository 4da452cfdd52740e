using System.Text.Json.Serialization;

namespace SafeCompletions.Contracts;

/// <summary>
/// One turn of a conversation, as in the <c>messages</c> field of a prompt row. <c>content</c> is read as a string or
/// as a list of text parts (<see cref="MessageContentConverter"/>) and always written as a string.
/// </summary>
public sealed record ChatTurn(
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("content"), JsonConverter(typeof(MessageContentConverter))] string Content);
