namespace SafeCompletions.Human.Results;

/// <summary>Mean safety of b minus that of a over the ratings, its interval, and the signed-rank test of the per-prompt differences.</summary>
public sealed record SafetyDifference(double Diff, double[]? Ci, int NonZeroPrompts, double PValue);
