using SafeCompletions.Contracts;

namespace SafeCompletions.Reporting;

/// <summary>What the statistics need of one grade (all that <see cref="GradeGrouping"/> keeps of a row).</summary>
internal readonly record struct GradedSample(bool Scored, bool Safe, int Score, double Reward, ResponseMode? Mode, Severity? Severity)
{
    public static GradedSample From(GradeRow grade) =>
        grade.Status == GradeStatus.Ok
            ? new(true, grade.Safe == true, grade.Helpfulness?.Score ?? 0, grade.Reward ?? 0, grade.Mode, grade.Severity)
            : new(false, false, 0, 0, null, null);
}
