using SafeCompletions.Grading;

namespace SafeCompletions.Server.Internal;

/// <summary>One item of a batch: what to grade, or why it cannot be graded (then it is answered unscored with that reason).</summary>
internal readonly record struct PendingItem(GradeRequest? Request, string? Problem)
{
    public static PendingItem Grade(GradeRequest request) => new(request, null);

    public static PendingItem Unscorable(string problem) => new(null, problem);
}
