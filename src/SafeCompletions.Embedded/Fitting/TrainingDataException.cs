namespace SafeCompletions.Embedded.Fitting;

/// <summary>
/// Labelled data that reads correctly but cannot do what was asked: no row carries a label, or there are fewer prompt
/// groups than cross-validation folds. Raised before any row is encoded, so the user learns it in a second, not after.
/// </summary>
public sealed class TrainingDataException(string message) : Exception(message);
