using System.Text.Json.Serialization;
using SafeCompletions.Contracts;

namespace SafeCompletions.Server.Wire;

/// <summary>One item of <c>POST /v1/rewards</c>: the prompt (<c>prompt</c> or <c>messages</c>), the response to reward, and the category when known.</summary>
public sealed record RewardItem
{
    [JsonPropertyName("prompt")] public string? Prompt { get; init; }
    [JsonPropertyName("messages")] public IReadOnlyList<ChatTurn>? Messages { get; init; }
    [JsonPropertyName("response")] public string? Response { get; init; }
    [JsonPropertyName("category")] public string? Category { get; init; }
}
