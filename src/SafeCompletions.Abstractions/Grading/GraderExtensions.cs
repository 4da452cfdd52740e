using SafeCompletions.Contracts;

namespace SafeCompletions.Grading;

public static class GraderExtensions
{
    /// <summary>
    /// Grades, and turns a grader that throws anyway (an <see cref="IGrader"/> should not) into an unscored grade with
    /// the reason, so one row never stops a run. The caller's own cancellation still propagates.
    /// </summary>
    public static async Task<Grade> GradeOrUnscoredAsync(this IGrader grader, GradeRequest request, CancellationToken cancellationToken = default)
    {
        try
        {
            return await grader.GradeAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return Grade.Unscored(grader.Name, $"grader failed: {ex.GetType().Name}: {ex.Message}", request.Category);
        }
    }
}
