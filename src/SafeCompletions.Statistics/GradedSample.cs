using SafeCompletions.Contracts;

namespace SafeCompletions.Statistics;

/// <summary>What the statistics need of one grade (all that the grouping of grade files keeps of a row).</summary>
internal readonly record struct GradedSample(bool Scored, bool Safe, int Score, double Reward, ResponseMode? Mode, Severity? Severity)
{
    public static GradedSample From(GradeRow grade) =>
        grade.Status == GradeStatus.Ok
            ? new(true, grade.Safe == true, grade.Helpfulness?.Score ?? 0, grade.Reward ?? 0, grade.Mode, grade.Severity)
            : new(false, false, 0, 0, null, null);
}
