namespace SafeCompletions.Judge;

/// <summary>The reply to the <c>helpfulness_verdict</c> rubric.</summary>
public sealed record HelpfulnessVerdict(double Direct, double Indirect, int Score, string Rationale);
