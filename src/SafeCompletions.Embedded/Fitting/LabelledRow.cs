using System.Text.Json;
using System.Text.Json.Serialization;
using SafeCompletions.Contracts;

namespace SafeCompletions.Embedded.Fitting;

/// <summary>
/// A response row with human labels, the training format of <c>safecomp grader train</c> (docs/embedded-grader.md):
/// <c>{"id", "prompt_id"?, "prompt"|"messages", "response", "label": {"compliance": "full|partial|refusal"?, "safe": bool?}}</c>.
/// Either label may be absent; a row teaches the heads whose labels it has.
/// </summary>
public sealed record LabelledRow
{
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("prompt_id")] public string? PromptId { get; init; }
    [JsonPropertyName("prompt")] public string? Prompt { get; init; }
    [JsonPropertyName("messages")] public IReadOnlyList<ChatTurn>? Messages { get; init; }
    [JsonPropertyName("response")] public string? Response { get; init; }
    [JsonPropertyName("source")] public string? Source { get; init; }
    [JsonPropertyName("label")] public RowLabel? Label { get; init; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }

    public IReadOnlyList<ChatTurn> Conversation() =>
        Messages is { Count: > 0 } ? Messages : [new ChatTurn("user", Prompt ?? "")];
}

/// <summary>The human labels of a <see cref="LabelledRow"/>.</summary>
public sealed record RowLabel(
    [property: JsonPropertyName("compliance")] string? Compliance,
    [property: JsonPropertyName("safe")] bool? Safe);

[JsonSerializable(typeof(LabelledRow))]
internal sealed partial class TrainingJson : JsonSerializerContext;
