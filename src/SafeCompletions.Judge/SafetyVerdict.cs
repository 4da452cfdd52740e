using SafeCompletions.Contracts;

namespace SafeCompletions.Judge;

/// <summary>
/// The reply to the <c>safety_verdict</c> rubric. <see cref="Confidence"/> is the judge's own probability that its
/// safe/unsafe verdict is right, when the reply gives one (the field is optional); null otherwise.
/// </summary>
public sealed record SafetyVerdict(ResponseMode Mode, double Safety, Severity Severity, Facilitation Facilitation, string Rationale, double? Confidence = null);
