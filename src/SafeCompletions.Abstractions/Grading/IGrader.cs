using SafeCompletions.Contracts;

namespace SafeCompletions.Grading;

/// <summary>
/// Grades one response under the policy: how safe (s), how helpful (h), in which mode, and the reward r = h × s.
/// The same grader filters SFT data, rewards RL and scores evaluations. A failure is returned as an unscored
/// <see cref="Grade"/> with its reason, never thrown, so one bad row never stops a run.
/// Cross-cutting behaviour (a cache, a timeout, faults as unscored grades, a concurrency bound) is added by
/// <see cref="DelegatingGrader"/>s composed with a <see cref="GraderBuilder"/>, as Microsoft.Extensions.AI composes chat clients.
/// </summary>
public interface IGrader
{
    /// <summary>The grader's name and version as written in the <c>grader</c> field, e.g. <c>llm/1:gpt-4o-mini</c>.</summary>
    string Name { get; }

    /// <summary>How the grader is best driven (batch size, concurrency); callers read these instead of testing its type.</summary>
    GraderTraits Traits => GraderTraits.Default;

    Task<Grade> GradeAsync(GradeRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// One grade per request, in request order. A grader that can do a batch at once (the embedded encoder fills its
    /// batches from it) overrides this; by default the requests are graded side by side.
    /// </summary>
    async Task<IReadOnlyList<Grade>> GradeBatchAsync(IReadOnlyList<GradeRequest> requests, CancellationToken cancellationToken = default) =>
        await Task.WhenAll(requests.Select(request => GradeAsync(request, cancellationToken))).ConfigureAwait(false);

    /// <summary>Loads what the first grade would otherwise wait for (a model, encoded exemplars), so that it is not the slow one.</summary>
    Task WarmUpAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
}
