using SafeCompletions.Embedded.Fitting;

namespace SafeCompletions.Embedded.Tests.Fitting;

public sealed class ConfidenceMetricsTests
{
    [Fact]
    public void ExpectedCalibrationError_ExactlyCalibratedBins_IsZero()
    {
        // 40 rows at 0.75 of which 30 right, 60 rows at 0.95 of which 57 right.
        var confidence = Enumerable.Repeat(0.75, 40).Concat(Enumerable.Repeat(0.95, 60)).ToList();
        var correct = Enumerable.Range(0, 40).Select(i => i < 30).Concat(Enumerable.Range(0, 60).Select(i => i < 57)).ToList();

        Assert.Equal(0, ConfidenceMetrics.ExpectedCalibrationError(confidence, correct), precision: 12);
    }

    [Fact]
    public void ExpectedCalibrationError_OutcomesDrawnFromTheConfidence_IsNearZero()
    {
        var random = new Random(3);
        var confidence = Enumerable.Range(0, 20_000).Select(_ => 0.5 + 0.5 * random.NextDouble()).ToList();
        var correct = confidence.Select(c => random.NextDouble() < c).ToList();

        Assert.InRange(ConfidenceMetrics.ExpectedCalibrationError(confidence, correct), 0, 0.02);
    }

    [Fact]
    public void ExpectedCalibrationError_Overconfident_IsTheGapWeightedByRows()
    {
        // Says 0.95 and is right 60% of the time; says 1.0 (the last bin) and is right half the time.
        var confidence = Enumerable.Repeat(0.95, 50).Concat(Enumerable.Repeat(1.0, 50)).ToList();
        var correct = Enumerable.Range(0, 50).Select(i => i < 30).Concat(Enumerable.Range(0, 50).Select(i => i < 25)).ToList();

        // Both fall in the bin [0.9, 1]: mean confidence 0.975, accuracy 0.55.
        Assert.Equal(0.425, ConfidenceMetrics.ExpectedCalibrationError(confidence, correct), precision: 12);
    }

    [Fact]
    public void SelectiveAccuracy_KeepsTheMostConfidentShareRoundedUp()
    {
        double[] confidence = [0.9, 0.6, 0.99, 0.7, 0.55];
        bool[] correct = [true, false, true, false, true];

        Assert.Equal(1.0, ConfidenceMetrics.SelectiveAccuracy(confidence, correct, 0.4));
        // The top three (0.99, 0.9, 0.7): two right.
        Assert.Equal(2.0 / 3, ConfidenceMetrics.SelectiveAccuracy(confidence, correct, 0.5), precision: 12);
        Assert.Equal(0.6, ConfidenceMetrics.SelectiveAccuracy(confidence, correct, 1.0), precision: 12);
    }
}
