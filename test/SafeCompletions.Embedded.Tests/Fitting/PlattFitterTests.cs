using SafeCompletions.Embedded.Fitting;
using SafeCompletions.Embedded.Model;

namespace SafeCompletions.Embedded.Tests.Fitting;

public sealed class PlattFitterTests
{
    /// <summary>Scores spread over (0, 1) and labels drawn from P(safe | s) = σ(a · logit(s) + b), from a fixed seed.</summary>
    private static (double[] Safety, bool[] Safe) Draw(double a, double b, int count, int seed)
    {
        var random = new Random(seed);
        var safety = Enumerable.Range(0, count).Select(_ => 0.01 + 0.98 * random.NextDouble()).ToArray();
        var safe = safety.Select(s => random.NextDouble() < 1 / (1 + Math.Exp(-(a * Math.Log(s / (1 - s)) + b)))).ToArray();
        return (safety, safe);
    }

    [Fact]
    public void Fit_RecoversTheSigmoidTheLabelsWereDrawnFrom()
    {
        var (safety, safe) = Draw(a: 0.5, b: -0.8, count: 20_000, seed: 7);

        var calibration = PlattFitter.Fit(safety, safe, folds: 5);

        Assert.Equal(SafetyCalibration.Platt, calibration.Method);
        Assert.Equal(0.5, calibration.A, tolerance: 0.05);
        Assert.Equal(-0.8, calibration.B, tolerance: 0.05);
        Assert.Equal((20_000, 5), (calibration.Rows, calibration.Folds));
    }

    [Fact]
    public void Fit_AlreadyCalibratedScores_AreLeftNearlyAsTheyAre()
    {
        var (safety, safe) = Draw(a: 1, b: 0, count: 20_000, seed: 11);

        var calibration = PlattFitter.Fit(safety, safe, folds: 5);

        Assert.Equal(1, calibration.A, tolerance: 0.05);
        Assert.Equal(0, calibration.B, tolerance: 0.05);
    }

    [Fact]
    public void Fit_SeparableLabels_GiveAFiniteMapThatStillOrdersTheScores()
    {
        double[] safety = [0.1, 0.2, 0.3, 0.7, 0.8, 0.9];
        bool[] safe = [false, false, false, true, true, true];

        var calibration = PlattFitter.Fit(safety, safe, folds: 2);

        Assert.True(double.IsFinite(calibration.A) && double.IsFinite(calibration.B));
        Assert.True(calibration.SafeProbability(0.9) > calibration.SafeProbability(0.1));
        // Platt's smoothed targets: never certain from six rows.
        Assert.InRange(calibration.SafeProbability(0.9), 0.5, 0.95);
    }

    [Fact]
    public void Confidence_IsTheProbabilityOfTheVerdict_AndUncalibratedReadsTheSafetyAsItIs()
    {
        var calibration = new SafetyCalibration(SafetyCalibration.Platt, 0.5, 0, 10, 5);

        // logit(0.8) = ln 4, so P(safe) = σ(0.5 ln 4) = 2/3.
        Assert.Equal(2.0 / 3, calibration.Confidence(0.8, safe: true), precision: 12);
        Assert.Equal(1.0 / 3, calibration.Confidence(0.8, safe: false), precision: 12);
        Assert.InRange(calibration.Confidence(1.0, safe: true), 0, 1);
        Assert.InRange(calibration.Confidence(0.0, safe: false), 0, 1);
        Assert.Equal(0.8, SafetyCalibration.Uncalibrated(0.8, true), precision: 12);
        Assert.Equal(0.2, SafetyCalibration.Uncalibrated(0.8, false), precision: 12);
    }
}
