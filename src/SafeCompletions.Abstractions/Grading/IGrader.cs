using SafeCompletions.Contracts;

namespace SafeCompletions.Grading;

/// <summary>
/// Grades one response under the policy: how safe (s), how helpful (h), in which mode, and the reward r = h × s.
/// The same grader filters SFT data, rewards RL and scores evaluations. A failure is returned as an unscored
/// <see cref="Grade"/> with its reason, never thrown, so one bad row never stops a run.
/// </summary>
public interface IGrader
{
    /// <summary>The grader's name and version as written in the <c>grader</c> field, e.g. <c>llm/1:gpt-4o-mini</c>.</summary>
    string Name { get; }

    Task<Grade> GradeAsync(GradeRequest request, CancellationToken cancellationToken = default);
}
