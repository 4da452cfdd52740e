using SafeCompletions.Embedded.Exemplars;

namespace SafeCompletions.Embedded.Fitting;

/// <summary>One cross-validation fold: its number (from 1), the grader trained without it, that grader's exemplar index, and the examples it holds out.</summary>
public sealed record HeldOutFold(int Number, EmbeddedGrader Grader, ExemplarIndex Exemplars, IReadOnlyList<int> HeldOut);
