using Microsoft.AspNetCore.Http;
using SafeCompletions.Contracts;
using SafeCompletions.Grading;
using SafeCompletions.Jsonl;
using SafeCompletions.Server.Wire;

namespace SafeCompletions.Server.Internal;

/// <summary><c>POST /v1/rewards</c>: a batch of prompt and response items in, one reward result per item out.</summary>
internal sealed class RewardsEndpoint(BatchGrader grader, RewardMetrics metrics, RewardServerOptions options)
    : BatchEndpoint<RewardsRequest>(grader, metrics, options, ServerJson.Default.RewardsRequest)
{
    public const string Route = "/v1/rewards";

    public override string Path => Route;

    protected override (IReadOnlyList<PendingItem>? Items, IResult? Refusal) Items(RewardsRequest body)
    {
        if (body.Items is not { } items)
        {
            return (null, Refusal.BadRequest("field 'items': missing; expected {\"items\": [{\"prompt\": …, \"response\": …}, …]}"));
        }
        if (Refusal.TooManyItems(items.Count, Options.MaxItems) is { } tooMany)
        {
            return (null, tooMany);
        }
        var pending = new PendingItem[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not { } item)
            {
                return (null, Refusal.BadRequest($"items[{i}]: is null; expected an object with prompt or messages, and response"));
            }
            // A turn without content (an assistant turn that only called tools, say) leaves nothing to grade the item
            // against: that item is unscored, the rest of the batch is not held back.
            if (item.Messages?.Select((turn, at) => (turn, at)).FirstOrDefault(t => t.turn is { Content: null }) is { turn: not null } empty)
            {
                pending[i] = PendingItem.Unscorable($"items[{i}].messages[{empty.at}].content is null: a turn without text cannot be graded");
                continue;
            }
            // The same rules as a response row of a file (docs/design.md), so the service and `safecomp grade` agree.
            var row = new ResponseRow { Id = "item", Prompt = item.Prompt, Messages = item.Messages, Response = item.Response, Category = item.Category };
            if (RowValidation.Response(row) is { } problem)
            {
                return (null, Refusal.BadRequest($"items[{i}].{problem.Field}: {problem.Message}"));
            }
            pending[i] = PendingItem.Grade(GradeRequest.From(row));
        }
        return (pending, null);
    }

    protected override IResult Reply(Grade[] grades) =>
        Results.Json(new RewardsResponse([.. grades.Select(RewardResult.From)]), ServerJson.Default.RewardsResponse);
}
