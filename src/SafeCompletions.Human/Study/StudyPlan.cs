namespace SafeCompletions.Human.Study;

/// <summary>A designed study: the items, the raters with their secret tokens, and who sees which item on which sides.</summary>
public sealed record StudyPlan(
    IReadOnlyList<StudyItem> Items,
    IReadOnlyList<(string Rater, string Token)> Raters,
    IReadOnlyList<StudyAssignment> Assignments,
    int PerItem,
    int Seed);
