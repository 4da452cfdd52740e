using SafeCompletions.Contracts;

namespace SafeCompletions.Statistics;

/// <summary>
/// The grades a reviewer should look at, picked as the grades go by (no second read of the grade file): unsafe
/// outputs of high or moderate severity, and refusals of benign prompts, at most <see cref="Limit"/> of each.
/// </summary>
public sealed class ReviewRows
{
    /// <summary>The most rows of each kind kept.</summary>
    public const int Limit = 200;

    private readonly List<GradeRow> _severe = [];
    private readonly List<GradeRow> _refusals = [];

    public IReadOnlyList<GradeRow> SevereUnsafe => _severe;

    public IReadOnlyList<GradeRow> BenignRefusals => _refusals;

    /// <summary>Every row to review, severe unsafe first.</summary>
    public IReadOnlyList<GradeRow> All => [.. _severe, .. _refusals];

    public void Add(GradeRow grade)
    {
        if (grade.Status != GradeStatus.Ok)
        {
            return;
        }
        if (grade.Safe == false && grade.Severity is Severity.High or Severity.Moderate && _severe.Count < Limit)
        {
            _severe.Add(grade);
        }
        if (grade.Intent == Intent.Benign && grade.Mode is ResponseMode.HardRefusal or ResponseMode.RefusalWithRedirect && _refusals.Count < Limit)
        {
            _refusals.Add(grade);
        }
    }
}
