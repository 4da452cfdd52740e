using System.Text.Json.Serialization;

namespace SafeCompletions.Contracts;

/// <summary>One turn of a conversation, as in the <c>messages</c> field of a prompt row.</summary>
public sealed record ChatTurn(
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("content")] string Content);
