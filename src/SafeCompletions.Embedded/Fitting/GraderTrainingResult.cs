using SafeCompletions.Embedded.Model;

namespace SafeCompletions.Embedded.Fitting;

/// <summary>What <see cref="GraderTraining"/> made: the weights, and when asked each split's held-out agreement per data file.</summary>
public sealed record GraderTrainingResult(GraderWeights Weights, IReadOnlyList<IReadOnlyList<HeldOutAgreement>>? CrossValidation);
