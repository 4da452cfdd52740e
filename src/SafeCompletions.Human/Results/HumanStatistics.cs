namespace SafeCompletions.Human.Results;

/// <summary>How the intervals, p-values and α were computed, so that a reader can reproduce them.</summary>
public sealed record HumanStatistics(
    int BootstrapResamples,
    int Seed,
    string Interval,
    string SafetyTest,
    string PreferenceTest,
    string Alpha,
    double? MinGoldAccuracy);
