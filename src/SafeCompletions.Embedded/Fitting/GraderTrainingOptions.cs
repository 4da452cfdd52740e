using SafeCompletions.Embedded.Features;

namespace SafeCompletions.Embedded.Fitting;

/// <summary>What <c>safecomp grader train</c> was asked: the labelled data, the word block's settings and the cross-validation to report first.</summary>
public sealed record GraderTrainingOptions
{
    /// <summary>Labelled rows (JSON Lines), one or more files.</summary>
    public required IReadOnlyList<string> DataFiles { get; init; }

    /// <summary>How loudly the word block speaks next to the encoder features; 0 leaves it out.</summary>
    public double WordWeight { get; init; } = Lexicon.DefaultWeight;

    /// <summary>A word joins the vocabulary when at least this many training responses contain it.</summary>
    public int MinDocuments { get; init; } = Lexicon.DefaultMinDocuments;

    /// <summary>Folds of the cross-validation reported before training (split by prompt_id); null for none.</summary>
    public int? CrossValidate { get; init; }

    /// <summary>Splits of the rows into folds to repeat the cross-validation over.</summary>
    public int Splits { get; init; } = 1;

    /// <summary>
    /// Folds of the held-out grading the confidence's calibration map is fitted on (0 for none). With
    /// <see cref="CrossValidate"/> the first split's held-out grades serve, so its folds are used instead.
    /// </summary>
    public int CalibrationFolds { get; init; } = DefaultCalibrationFolds;

    public const int DefaultCalibrationFolds = 5;

    /// <summary>The command as recorded in the weights (file names only).</summary>
    public required string Command { get; init; }
}
