using SafeCompletions.Contracts;

namespace SafeCompletions.Statistics;

/// <summary>
/// What the report takes from the grades besides the statistics, gathered in the same single pass over them: the rows
/// to review, the grades' provenance (graders, specs, samples) and the metrics by category. Bounded memory: the
/// review lists are capped and there are few graders, specs and categories.
/// </summary>
public sealed class ReportRows
{
    public ReviewRows Review { get; } = new();

    public GradeProvenance Provenance { get; } = new();

    public CategoryTable Categories { get; } = new();

    public void Add(GradeRow grade)
    {
        Review.Add(grade);
        Provenance.Add(grade);
        Categories.Add(grade);
    }
}
