namespace SafeCompletions.Grading;

public static class GraderExtensions
{
    /// <summary>A builder whose pipeline ends in this grader.</summary>
    public static GraderBuilder AsBuilder(this IGrader grader) => new(grader);
}
