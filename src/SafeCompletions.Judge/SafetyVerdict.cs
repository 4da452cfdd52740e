using SafeCompletions.Contracts;

namespace SafeCompletions.Judge;

/// <summary>The reply to the <c>safety_verdict</c> rubric.</summary>
public sealed record SafetyVerdict(ResponseMode Mode, double Safety, Severity Severity, Facilitation Facilitation, string Rationale);
