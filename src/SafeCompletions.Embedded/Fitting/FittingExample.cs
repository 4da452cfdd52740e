using SafeCompletions.Embedded.Features;

namespace SafeCompletions.Embedded.Fitting;

/// <summary>One row ready for training: its features and whichever labels it has.</summary>
public sealed record FittingExample(PairFeatures Features, string? Compliance, bool? Safe, string Source, string? Group);
