namespace SafeCompletions.Embedded.Fitting;

/// <summary>
/// How well confidences match outcomes: expected calibration error over equal-width bins, and the accuracy of the
/// most confident share of rows (what a cascade keeps when it escalates the rest).
/// </summary>
public static class ConfidenceMetrics
{
    /// <summary>
    /// Σ over <paramref name="bins"/> equal-width bins of [0, 1] of (rows in bin / rows) × |accuracy in bin − mean
    /// confidence in bin|; a confidence of exactly 1 falls in the last bin. 0 for a perfectly calibrated set.
    /// </summary>
    public static double ExpectedCalibrationError(IReadOnlyList<double> confidence, IReadOnlyList<bool> correct, int bins = 10)
    {
        Check(confidence, correct);
        var count = new int[bins];
        var confidenceSum = new double[bins];
        var correctSum = new int[bins];
        for (var i = 0; i < confidence.Count; i++)
        {
            var bin = Math.Min((int)(confidence[i] * bins), bins - 1);
            count[bin]++;
            confidenceSum[bin] += confidence[i];
            correctSum[bin] += correct[i] ? 1 : 0;
        }
        var error = 0.0;
        for (var bin = 0; bin < bins; bin++)
        {
            if (count[bin] > 0)
            {
                error += Math.Abs((double)correctSum[bin] / count[bin] - confidenceSum[bin] / count[bin]) * count[bin] / confidence.Count;
            }
        }
        return error;
    }

    /// <summary>
    /// The accuracy of the ⌈<paramref name="share"/> × rows⌉ most confident rows (ties kept in the rows' order, so the
    /// figure is deterministic).
    /// </summary>
    public static double SelectiveAccuracy(IReadOnlyList<double> confidence, IReadOnlyList<bool> correct, double share)
    {
        Check(confidence, correct);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(share);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(share, 1);
        var kept = (int)Math.Ceiling(share * confidence.Count);
        var top = Enumerable.Range(0, confidence.Count).OrderByDescending(i => confidence[i]).ThenBy(i => i).Take(kept);
        return (double)top.Count(i => correct[i]) / kept;
    }

    private static void Check(IReadOnlyList<double> confidence, IReadOnlyList<bool> correct)
    {
        if (confidence.Count == 0 || confidence.Count != correct.Count)
        {
            throw new ArgumentException("need as many outcomes as confidences, and at least one", nameof(correct));
        }
    }
}
