namespace SafeCompletions.Human.Study;

/// <summary>One item given to one rater: where it comes in their queue and whether system a is shown on the left.</summary>
public sealed record StudyAssignment(string Rater, string Item, int Position, bool ALeft);
