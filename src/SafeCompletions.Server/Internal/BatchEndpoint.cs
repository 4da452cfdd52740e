using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using SafeCompletions.Contracts;

namespace SafeCompletions.Server.Internal;

/// <summary>
/// The shape both reward endpoints share: read the body under the limits, turn it into items (or refuse it with 400 or
/// 413), grade the items together, reply in the endpoint's own format.
/// </summary>
internal abstract class BatchEndpoint<TBody>(BatchGrader grader, RewardMetrics metrics, RewardServerOptions options, JsonTypeInfo<TBody> bodyType)
    where TBody : class
{
    /// <summary>The route, also the metric label.</summary>
    public abstract string Path { get; }

    protected RewardServerOptions Options => options;

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var (items, refusal) = await ReadItemsAsync(context).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }
        metrics.Batch(Path, items!.Count);
        var grades = await grader.GradeAsync(items, context.RequestAborted).ConfigureAwait(false);
        return Reply(grades);
    }

    /// <summary>
    /// The body read and made into items, in a method of its own so that the parsed body is garbage as soon as the
    /// items exist: a 200 MB batch is not held twice while it is graded.
    /// </summary>
    private async Task<(IReadOnlyList<PendingItem>? Items, IResult? Refusal)> ReadItemsAsync(HttpContext context)
    {
        var (body, refusal) = await JsonBody.ReadAsync(context, bodyType, options.MaxBodyBytes).ConfigureAwait(false);
        return refusal is not null ? (null, refusal) : Items(body!);
    }

    /// <summary>The items to grade, in order, or the refusal of the whole request.</summary>
    protected abstract (IReadOnlyList<PendingItem>? Items, IResult? Refusal) Items(TBody body);

    protected abstract IResult Reply(Grade[] grades);
}
