using SafeCompletions.Embedded;
using SafeCompletions.Grading;

namespace SafeCompletions.Cli.Infrastructure;

/// <summary>The graders whose accuracy has been measured, for the report's accuracy note (any other grader is reported as not measured).</summary>
internal static class GraderCards
{
    public static IReadOnlyList<GraderCard> Known { get; } = [EmbeddedGraderCard.Default];
}
