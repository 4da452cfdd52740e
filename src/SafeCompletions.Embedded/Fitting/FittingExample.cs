using SafeCompletions.Embedded.Features;

namespace SafeCompletions.Embedded.Training;

/// <summary>One row ready for training: its features and whichever labels it has.</summary>
public sealed record TrainingExample(PairFeatures Features, string? Compliance, bool? Safe, string Source, string? Group);
