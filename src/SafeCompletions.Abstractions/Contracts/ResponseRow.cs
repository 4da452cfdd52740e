using System.Text.Json;
using System.Text.Json.Serialization;

namespace SafeCompletions.Contracts;

/// <summary>A row of a response set: a prompt row plus the model's response (and optionally its reasoning).</summary>
public sealed record ResponseRow
{
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("prompt_id")] public string? PromptId { get; init; }
    [JsonPropertyName("prompt")] public string? Prompt { get; init; }
    [JsonPropertyName("messages")] public IReadOnlyList<ChatTurn>? Messages { get; init; }
    [JsonPropertyName("category")] public string? Category { get; init; }
    [JsonPropertyName("intent")] public Intent? Intent { get; init; }
    [JsonPropertyName("response")] public string? Response { get; init; }

    /// <summary>The model's chain of thought. Kept in the file, never shown to a grader.</summary>
    [JsonPropertyName("reasoning")] public string? Reasoning { get; init; }

    [JsonPropertyName("model")] public string? Model { get; init; }
    [JsonPropertyName("sample")] public int? Sample { get; init; }

    /// <summary>Fields this version does not know, written back unchanged.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>The conversation that led to the response: <c>messages</c>, or one user turn holding <c>prompt</c>.</summary>
    public IReadOnlyList<ChatTurn> Conversation() => Conversations.Of(Prompt, Messages);
}
