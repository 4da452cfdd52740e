using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SafeCompletions.Contracts;
using SafeCompletions.Grading;
using SafeCompletions.Server.Wire;

namespace SafeCompletions.Server.Internal;

/// <summary>
/// <c>POST /get_reward</c>, OpenRLHF's remote reward-model protocol (<c>--remote_rm_url http://HOST:PORT/get_reward</c>):
/// each query is split into its prompt and response (<see cref="OpenRlhfQuery"/>), the prompt's chat template is undone
/// (<see cref="TemplatedPrompt"/>), and every query gets a number: r = h × s, or <c>--unscored-reward</c> (0.0) when
/// unscored, flagged in <c>extra_logs.unscored</c>.
/// </summary>
internal sealed class GetRewardEndpoint(BatchGrader grader, RewardMetrics metrics, RewardServerOptions options)
    : BatchEndpoint<GetRewardRequest>(grader, metrics, options, ServerJson.Default.GetRewardRequest)
{
    public const string Route = "/get_reward";

    public override string Path => Route;

    protected override (IReadOnlyList<PendingItem>? Items, IResult? Refusal) Items(GetRewardRequest body)
    {
        if (Check(body) is { } problem)
        {
            return (null, problem);
        }
        var (queries, prompts, labels) = (body.Query!, body.Prompts!, body.Labels);
        var pending = new PendingItem[queries.Count];
        // A rollout batch holds each prompt once per sample (n_samples_per_prompt): read each distinct one once, and
        // let its samples share the conversation.
        var readPrompts = new Dictionary<string, (IReadOnlyList<ChatTurn> Conversation, string Compact)>(StringComparer.Ordinal);
        for (var i = 0; i < queries.Count; i++)
        {
            if (queries[i] is not { } query || prompts[i] is not { } prompt)
            {
                return (null, Refusal.BadRequest($"{(queries[i] is null ? "query" : "prompts")}[{i}]: is null; expected a string"));
            }
            if (!readPrompts.TryGetValue(prompt, out var read))
            {
                readPrompts[prompt] = read = (TemplatedPrompt.Conversation(prompt), LooseText.Of(prompt).Compact);
            }
            pending[i] = OpenRlhfQuery.Response(query, prompt, read.Compact) is { } response
                ? PendingItem.Grade(new GradeRequest(read.Conversation, response, Category(labels?[i])))
                : PendingItem.Unscorable($"query[{i}] does not hold prompts[{i}] (nor its end, nor its chat template's turns), so the response cannot be told from the prompt");
        }
        return (pending, null);
    }

    private IResult? Check(GetRewardRequest body)
    {
        if (body.Query is not { } queries)
        {
            return Refusal.BadRequest("field 'query': missing; expected {\"query\": [prompt + response, …], \"prompts\": [prompt, …]}");
        }
        if (body.Prompts is not { } prompts)
        {
            return Refusal.BadRequest("field 'prompts': missing; each query's prompt is needed to tell the response from it (OpenRLHF sends it)");
        }
        if (prompts.Count != queries.Count || body.Labels is { } labels && labels.Count != queries.Count)
        {
            return Refusal.BadRequest($"'query' has {queries.Count} entries but 'prompts' has {prompts.Count}{(body.Labels is { } l ? $" and 'labels' {l.Count}" : "")}; they must match");
        }
        return Refusal.TooManyItems(queries.Count, Options.MaxItems);
    }

    /// <summary>A label that names a spec category (OpenRLHF's <c>--label_key</c> can point at a category column) becomes the category.</summary>
    private string? Category(JsonElement? label) =>
        label is { ValueKind: JsonValueKind.String } text && text.GetString() is { } name && Options.Categories.Contains(name) ? name : null;

    protected override IResult Reply(Grade[] grades)
    {
        var rewards = grades.Select(g => g.Status == GradeStatus.Unscored ? Options.UnscoredReward : g.Reward ?? Options.UnscoredReward).ToArray();
        return Results.Json(new GetRewardResponse(rewards, rewards, new Dictionary<string, IReadOnlyList<double>>
        {
            ["safety"] = [.. grades.Select(g => g.Safety ?? 0.0)],
            ["helpfulness"] = [.. grades.Select(g => g.Helpfulness?.H ?? 0.0)],
            ["unscored"] = [.. grades.Select(g => g.Status == GradeStatus.Unscored ? 1.0 : 0.0)],
        }), ServerJson.Default.GetRewardResponse);
    }
}
