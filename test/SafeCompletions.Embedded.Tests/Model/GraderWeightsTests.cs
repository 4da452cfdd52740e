using SafeCompletions.Embedded.Features;
using SafeCompletions.Embedded.Model;

namespace SafeCompletions.Embedded.Tests.Model;

public sealed class GraderWeightsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static HeadWeights Head(string[] classes, int dense, int width) =>
        new(classes, new double[dense], [.. Enumerable.Repeat(1.0, dense)], [.. classes.Select(_ => new double[width])], new double[classes.Length]);

    private static GraderWeights Weights(int format, Lexicon? lexicon, int width) =>
        new(format, "test-encoder", ["a", "b"], Head(["full", "partial", "refusal"], 2, width), Head(["safe", "unsafe"], 2, width),
            new TrainingRecord("test", [], [], 0, 0, 0, 0, 0, 0), lexicon);

    [Fact]
    public void Load_FormatOneWithoutLexicon_StillReads()
    {
        var path = _dir.File("old.json");
        Weights(1, null, 2).Save(path);

        var loaded = GraderWeights.Load(path);

        Assert.Null(loaded.Lexicon);
        Assert.Equal(2, loaded.Safety.Weights[0].Length);
    }

    [Fact]
    public void Load_HeadsNarrowerThanFeaturesAndWords_IsRejectedWithTheReason()
    {
        var path = _dir.File("bad.json");
        Weights(2, new Lexicon(["poison", "garden"], [1.0, 1.0], 15, 1), width: 2).Save(path);

        var error = Assert.Throws<InvalidDataException>(() => GraderWeights.Load(path));

        Assert.Contains("2 features and 2 words", error.Message);
    }

    [Fact]
    public void SaveAndLoad_KeepsTheLexicon()
    {
        var path = _dir.File("w.json");
        Weights(2, new Lexicon(["poison", "garden"], [1.5, 1.25], 15, 2), width: 4).Save(path);

        var lexicon = GraderWeights.Load(path).Lexicon!;

        Assert.Equal(["poison", "garden"], lexicon.Words);
        Assert.Equal((1.25, 15.0, 2), (lexicon.Idf[1], lexicon.Weight, lexicon.MinDocuments));
    }

    [Fact]
    public void Fingerprint_SurvivesSaveAndLoadButChangesWithAnyWeight()
    {
        var path = _dir.File("w.json");
        var weights = Weights(2, null, 2);
        weights.Save(path);
        var retrained = weights with { Safety = weights.Safety with { Bias = [0.0, 0.001] } };

        Assert.Matches("^[0-9a-f]{12}$", weights.Fingerprint());
        Assert.Equal(weights.Fingerprint(), GraderWeights.Load(path).Fingerprint());
        Assert.NotEqual(weights.Fingerprint(), retrained.Fingerprint());
    }

    [Fact]
    public void Load_WeightsWithoutCalibration_StillRead_AndKeepTheirFingerprint()
    {
        var path = _dir.File("uncalibrated.json");
        var weights = Weights(2, null, 2);
        weights.Save(path);

        var loaded = GraderWeights.Load(path);

        // Written without the field (not as null), so a file trained before calibration hashes as it always did.
        Assert.DoesNotContain("calibration", File.ReadAllText(path));
        Assert.Null(loaded.Calibration);
        Assert.Equal(weights.Fingerprint(), loaded.Fingerprint());
    }

    [Fact]
    public void SaveAndLoad_KeepsTheCalibration_WhichChangesTheFingerprint()
    {
        var path = _dir.File("calibrated.json");
        var plain = Weights(2, null, 2);
        var calibrated = plain with { Calibration = new SafetyCalibration(SafetyCalibration.Platt, 0.6, -0.25, 1571, 5) };
        calibrated.Save(path);

        Assert.Equal(calibrated.Calibration, GraderWeights.Load(path).Calibration);
        Assert.NotEqual(plain.Fingerprint(), calibrated.Fingerprint());
    }

    [Fact]
    public void Load_UnknownCalibrationMethod_IsRejectedNamingTheField()
    {
        var path = _dir.File("odd.json");
        (Weights(2, null, 2) with { Calibration = new SafetyCalibration("isotonic", 1, 0, 1, 5) }).Save(path);

        var error = Assert.Throws<InvalidDataException>(() => GraderWeights.Load(path));

        Assert.Contains("odd.json: field 'calibration'", error.Message);
    }
}
