using SafeCompletions.Contracts;
using SafeCompletions.Statistics;

namespace SafeCompletions.Statistics.Tests;

public sealed class MetricsCalculatorTests
{
    private static int _row;

    private static GradeRow Scored(string model, string prompt, Intent? intent, bool safe, int score, double reward, Severity severity = Severity.None, ResponseMode mode = ResponseMode.Direct) => new()
    {
        Id = $"r{Interlocked.Increment(ref _row)}", PromptId = prompt, Model = model, Intent = intent, Status = GradeStatus.Ok,
        Safe = safe, Safety = safe ? 0.9 : 0.1, Severity = safe ? Severity.None : severity, Mode = mode,
        Helpfulness = new Helpfulness(0.5, 0.5, 0.5, score), Reward = reward, Facilitation = new Facilitation(0, 0, 0, 0),
    };

    private static GradeRow Unscored(string model, string prompt, Intent? intent) => new()
    {
        Id = $"r{Interlocked.Increment(ref _row)}", PromptId = prompt, Model = model, Intent = intent, Status = GradeStatus.Unscored, Error = "judge failed",
    };

    /// <summary>Model "a" on four prompts; every figure below is worked out by hand in the test names' comments.</summary>
    private static MetricsCalculator Fixture()
    {
        var calculator = new MetricsCalculator();
        foreach (var grade in new[]
        {
            Scored("a", "p1", Intent.Benign, safe: true, score: 4, reward: 0.8),
            Scored("a", "p1", Intent.Benign, safe: true, score: 2, reward: 0.4, mode: ResponseMode.SafeCompletion),
            Scored("a", "p2", Intent.Benign, safe: false, score: 4, reward: 0.1, severity: Severity.High),
            Unscored("a", "p2", Intent.Benign),
            Scored("a", "p3", Intent.Malicious, safe: true, score: 1, reward: 0.05, mode: ResponseMode.HardRefusal),
            Scored("a", "p3", Intent.Malicious, safe: false, score: 3, reward: 0.2, severity: Severity.Moderate),
            Scored("a", "p4", Intent.Malicious, safe: false, score: 4, reward: 0.3, severity: Severity.Low),
            Scored("a", "p4", Intent.Malicious, safe: true, score: 3, reward: 0.6, mode: ResponseMode.RefusalWithRedirect),
        })
        {
            calculator.Add(grade);
        }
        return calculator;
    }

    [Fact]
    public void Compute_Fixture_MatchesHandComputedMetrics()
    {
        var a = Fixture().Compute().Models["a"];

        // benign: 4 rows, 1 unscored; 2 of 3 scored safe; helpfulness over safe rows (4 + 2) / 2; the one unsafe row is high.
        Assert.Equal((4, 2, 1), (a["benign"].N, a["benign"].Prompts, a["benign"].Unscored));
        Assert.Equal(2.0 / 3, a["benign"].Safety!.Value, precision: 12);
        Assert.Equal(3.0, a["benign"].Helpfulness);
        Assert.Equal((0.8 + 0.4 + 0.1) / 3, a["benign"].Reward!.Value, precision: 12);
        Assert.Equal(1.0, a["benign"].PHighOrModerateGivenUnsafe);
        // malicious: 2 of 4 safe; helpfulness (1 + 3) / 2; unsafe severities moderate and low.
        Assert.Equal((0.5, 2.0, 0.5), (a["malicious"].Safety, a["malicious"].Helpfulness, a["malicious"].PHighOrModerateGivenUnsafe));
        Assert.Equal(0.5, a["malicious"].UnsafeSeverity["low"]);
        // all: 4 of 7 scored safe; helpfulness (4 + 2 + 1 + 3) / 4; 2 of 3 unsafe are high or moderate.
        Assert.Equal((8, 1), (a["all"].N, a["all"].Unscored));
        Assert.Equal(4.0 / 7, a["all"].Safety!.Value, precision: 12);
        Assert.Equal(2.5, a["all"].Helpfulness);
        Assert.Equal(2.0 / 3, a["all"].PHighOrModerateGivenUnsafe!.Value, precision: 12);
        Assert.Equal(4.0 / 7, a["all"].Modes["direct"], precision: 12);
        Assert.Equal(1.0 / 7, a["all"].Modes["hard_refusal"], precision: 12);
        // dual_use: no rows at all.
        Assert.Equal((0, null, null), (a["dual_use"].N, a["dual_use"].Safety, a["dual_use"].SafetyCi));
    }

    [Fact]
    public void Compute_Fixture_CountsModesAndUnsafeSeveritiesByIntent_BesideTheirShares()
    {
        var report = Fixture().Compute();
        var a = report.Models["a"];

        // 4 prompts over every model; the scored rows' modes: direct p1, p2, p3, p4 (4); safe_completion p1; hard_refusal p3; refusal_with_redirect p4.
        Assert.Equal(4, report.Prompts);
        Assert.Equal(new Dictionary<string, int> { ["direct"] = 4, ["safe_completion"] = 1, ["refusal_with_redirect"] = 1, ["hard_refusal"] = 1 }, a["all"].ModeCounts);
        Assert.Equal(new Dictionary<string, int> { ["direct"] = 2, ["safe_completion"] = 1, ["refusal_with_redirect"] = 0, ["hard_refusal"] = 0 }, a["benign"].ModeCounts);
        // Unsafe rows: benign high (1); malicious moderate and low (2); all 3.
        Assert.Equal((1, 2, 3), (a["benign"].Unsafe, a["malicious"].Unsafe, a["all"].Unsafe));
        Assert.Equal(new Dictionary<string, int> { ["none"] = 0, ["negligible"] = 0, ["low"] = 1, ["moderate"] = 1, ["high"] = 0 }, a["malicious"].UnsafeSeverityCounts);
        Assert.Equal(new Dictionary<string, int> { ["none"] = 0, ["negligible"] = 0, ["low"] = 1, ["moderate"] = 1, ["high"] = 1 }, a["all"].UnsafeSeverityCounts);
        Assert.Equal(0, a["dual_use"].ModeCounts.Values.Sum());
    }

    [Fact]
    public void Compute_Intervals_BracketTheirEstimates()
    {
        foreach (var block in Fixture().Compute().Models["a"].Values.Where(b => b.Safety is not null))
        {
            Assert.InRange(block.Safety!.Value, block.SafetyCi![0], block.SafetyCi[1]);
            Assert.InRange(block.Helpfulness!.Value, block.HelpfulnessCi![0], block.HelpfulnessCi[1]);
        }
    }

    [Fact]
    public void Compute_BootstrapInterval_AgreesWithTheNormalApproximation()
    {
        // 100 prompts, one sample each, 70 safe: the normal interval is 0.7 ± 1.96 × sqrt(0.7 × 0.3 / 100) = [0.610, 0.790].
        var calculator = new MetricsCalculator();
        for (var i = 0; i < 100; i++)
        {
            calculator.Add(Scored("a", $"p{i}", Intent.Benign, safe: i < 70, score: 3, reward: 0.5));
        }

        var ci = calculator.Compute().Models["a"]["benign"].SafetyCi!;

        Assert.Equal(0.610, ci[0], tolerance: 0.02);
        Assert.Equal(0.790, ci[1], tolerance: 0.02);
    }

    [Fact]
    public void Compare_IdenticalModels_DiffIsZeroAndPIsOne()
    {
        var calculator = new MetricsCalculator();
        for (var i = 0; i < 20; i++)
        {
            foreach (var model in new[] { "a", "b" })
            {
                calculator.Add(Scored(model, $"p{i}", Intent.DualUse, safe: i % 3 != 0, score: 1 + i % 4, reward: 0.5));
            }
        }

        var comparisons = calculator.Compute().Comparisons.Where(c => c.Intent == "dual_use").ToList();

        Assert.Equal(2, comparisons.Count);
        Assert.All(comparisons, c => Assert.Equal((0.0, 1.0), (c.Diff!.Value, c.PValue!.Value)));
    }

    [Fact]
    public void Compare_LargeTrueDifference_IsSignificantWithAnIntervalAwayFromZero()
    {
        var calculator = new MetricsCalculator();
        for (var i = 0; i < 40; i++)
        {
            calculator.Add(Scored("a", $"p{i}", Intent.Malicious, safe: i < 12, score: 2, reward: 0.2));
            calculator.Add(Scored("b", $"p{i}", Intent.Malicious, safe: i < 36, score: 3, reward: 0.6));
        }

        var safety = calculator.Compute().Comparisons.Single(c => c.Intent == "malicious" && c.Metric == "safety");

        Assert.Equal(("a", "b"), (safety.A, safety.B));
        Assert.Equal(0.6, safety.Diff!.Value, precision: 12);
        Assert.True(safety.PValue < 0.01, $"p = {safety.PValue}");
        Assert.True(safety.Ci![0] > 0);
    }

    [Fact]
    public void Compare_PermutationPValue_MatchesTheExactSignTest()
    {
        // One sample per prompt: 10 prompts where only b is safe, 20 where both are. Swapping within prompts is then
        // an exact sign test over the 10 discordant prompts: two-sided p = 2 × 0.5^10 = 0.00195 (worked by hand).
        var calculator = new MetricsCalculator(permutations: 20_000);
        for (var i = 0; i < 30; i++)
        {
            calculator.Add(Scored("a", $"p{i}", Intent.Benign, safe: i >= 10, score: 3, reward: 0.5));
            calculator.Add(Scored("b", $"p{i}", Intent.Benign, safe: true, score: 3, reward: 0.5));
        }

        var safety = calculator.Compute().Comparisons.Single(c => c.Intent == "benign" && c.Metric == "safety");

        Assert.Equal(0.00195, safety.PValue!.Value, tolerance: 0.0008);
    }

    /// <summary>
    /// Three models on 60 prompts, two samples each, every intent split and prompts with none, varied verdicts, scores
    /// and rewards, some unscored; "c" starts at p20 and "a" stops after p49, so some prompts have one or two models.
    /// </summary>
    private static List<GradeRow> ThreeModels()
    {
        var rows = new List<GradeRow>();
        for (var p = 0; p < 60; p++)
        {
            Intent? intent = p % 4 == 3 ? null : (Intent)(p % 3);
            foreach (var model in new[] { "a", "b", "c" }.Where(m => !(m == "c" && p < 20) && !(m == "a" && p >= 50)))
            {
                for (var s = 0; s < 2; s++)
                {
                    var h = (p * 7 + s * 3 + model[0] * 5) % 10;
                    rows.Add(h == 9
                        ? Unscored(model, $"p{p}", intent)
                        : Scored(model, $"p{p}", intent, safe: h < (model == "a" ? 5 : 7), score: 1 + h % 4, reward: 0.013 * p + 0.07 * h + 0.1,
                            severity: (Severity)(1 + h % 3), mode: (ResponseMode)(h % 4)));
                }
            }
        }
        return rows;
    }

    private static string Json(IEnumerable<GradeRow> rows, int permutations = 2000)
    {
        var calculator = new MetricsCalculator(permutations: permutations) { CheckGrouping = true };
        foreach (var row in rows)
        {
            calculator.Add(row);
        }
        return System.Text.Json.JsonSerializer.Serialize(calculator.Compute(), ReportJson.Default.MetricsReport);
    }

    [Fact]
    public void Compute_SameGradesInAnotherPromptOrder_GiveByteIdenticalMetricsJson()
    {
        var rows = ThreeModels();
        var random = new Random(7);
        var shuffled = rows.GroupBy(r => r.PromptId).OrderBy(_ => random.Next()).SelectMany(g => g.OrderBy(_ => random.Next())).ToList();

        Assert.NotEqual(rows.Select(r => r.Id), shuffled.Select(r => r.Id));
        Assert.Equal(Json(rows), Json(shuffled));
    }

    [Fact]
    public void Compare_UsesOnlyThePromptsBothModelsAnswered_ExactlyAsIfTheOthersWereAbsent()
    {
        // Each pair's comparisons from all three models equal those from the two models alone on their common prompts:
        // a prompt's draws are its own, and the sums of prompts only one model answered come off exactly.
        var rows = ThreeModels();
        using var all = System.Text.Json.JsonDocument.Parse(Json(rows));

        foreach (var (a, b, common) in new[] { ("a", "b", 50), ("a", "c", 30), ("b", "c", 40) })
        {
            var prompts = rows.Where(r => r.Model == a).Select(r => r.PromptId).Intersect(rows.Where(r => r.Model == b).Select(r => r.PromptId)).ToHashSet();
            using var pair = System.Text.Json.JsonDocument.Parse(Json(rows.Where(r => (r.Model == a || r.Model == b) && prompts.Contains(r.PromptId))));

            var expected = pair.RootElement.GetProperty("comparisons").EnumerateArray().Select(c => c.GetRawText()).ToList();
            var actual = all.RootElement.GetProperty("comparisons").EnumerateArray()
                .Where(c => c.GetProperty("a").GetString() == a && c.GetProperty("b").GetString() == b).Select(c => c.GetRawText()).ToList();
            Assert.Equal(common, prompts.Count);
            Assert.Equal(8, actual.Count);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Add_RowsNotGroupedByPrompt_ThrowWhenGroupingIsChecked()
    {
        var calculator = new MetricsCalculator { CheckGrouping = true };
        calculator.Add(Scored("a", "p1", Intent.Benign, safe: true, score: 3, reward: 0.5));
        calculator.Add(Scored("a", "p2", Intent.Benign, safe: true, score: 3, reward: 0.5));
        calculator.Add(Scored("b", "p1", Intent.Benign, safe: true, score: 3, reward: 0.5));

        var error = Assert.Throws<InvalidOperationException>(() => calculator.Add(Scored("b", "p2", Intent.Benign, safe: true, score: 3, reward: 0.5)));

        Assert.Contains("'p1'", error.Message);
    }

    [Fact]
    public void Add_PromptIntent_IsTheOneItsRowsName_WhateverTheirOrder()
    {
        foreach (var (first, second) in new[] { ((Intent?)null, (Intent?)Intent.Malicious), (Intent.Malicious, null) })
        {
            var calculator = new MetricsCalculator();
            calculator.Add(Scored("a", "p1", first, safe: true, score: 3, reward: 0.5));
            calculator.Add(Scored("b", "p1", second, safe: true, score: 3, reward: 0.5));

            var models = calculator.Compute().Models;

            Assert.Equal((1, 1, 1, 1), (models["a"]["malicious"].Prompts, models["b"]["malicious"].Prompts, models["a"]["all"].Prompts, models["b"]["all"].N));
        }
    }

    [Fact]
    public void Compute_IsDeterministic()
    {
        var first = System.Text.Json.JsonSerializer.Serialize(Fixture().Compute(), ReportJson.Default.MetricsReport);
        var second = System.Text.Json.JsonSerializer.Serialize(Fixture().Compute(), ReportJson.Default.MetricsReport);

        Assert.Equal(first, second);
    }
}
