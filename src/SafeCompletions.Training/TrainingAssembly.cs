namespace SafeCompletions.Training;

/// <summary>Placeholder until the model code lands.</summary>
internal static class TrainingAssembly;
