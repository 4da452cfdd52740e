using System.Text.Json;
using System.Text.Json.Serialization;

namespace SafeCompletions.Contracts;

/// <summary>A row of a prompt set: <c>prompt</c> or <c>messages</c>, optional category and intent; unknown fields are kept.</summary>
public sealed record PromptRow
{
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("prompt")] public string? Prompt { get; init; }
    [JsonPropertyName("messages")] public IReadOnlyList<ChatTurn>? Messages { get; init; }
    [JsonPropertyName("category")] public string? Category { get; init; }
    [JsonPropertyName("intent")] public Intent? Intent { get; init; }

    /// <summary>Fields this version does not know, written back unchanged.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>The conversation the prompt stands for: <c>messages</c>, or one user turn holding <c>prompt</c>.</summary>
    public IReadOnlyList<ChatTurn> Conversation() => Conversations.Of(Prompt, Messages);
}
