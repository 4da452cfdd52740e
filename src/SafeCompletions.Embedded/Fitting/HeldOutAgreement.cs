namespace SafeCompletions.Embedded.Fitting;

/// <summary>How many held-out rows of one source the grader agreed with, of those carrying each label.</summary>
public sealed record HeldOutAgreement(string Source, int ComplianceAgreed, int ComplianceRows, int SafetyAgreed, int SafetyRows);
