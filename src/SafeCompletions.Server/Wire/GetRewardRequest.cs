using System.Text.Json;
using System.Text.Json.Serialization;

namespace SafeCompletions.Server.Wire;

/// <summary>
/// The body of <c>POST /get_reward</c>, OpenRLHF's remote reward-model protocol: each <c>query</c> is the prompt and
/// the response as the trainer templated them (the full text), <c>prompts</c> the prompt texts, <c>labels</c> the
/// dataset's label of each row (a label naming a spec category is used as the category).
/// </summary>
public sealed record GetRewardRequest
{
    [JsonPropertyName("query")] public IReadOnlyList<string?>? Query { get; init; }
    [JsonPropertyName("prompts")] public IReadOnlyList<string?>? Prompts { get; init; }
    [JsonPropertyName("labels")] public IReadOnlyList<JsonElement>? Labels { get; init; }
}
