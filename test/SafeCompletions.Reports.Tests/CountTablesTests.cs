using System.Text.Json;
using System.Text.RegularExpressions;
using SafeCompletions.Contracts;
using SafeCompletions.Statistics;

namespace SafeCompletions.Reports.Tests;

/// <summary>The report's count tables (by category; severe unsafe and reward by intent; mode and severity mix by intent) on ten hand-counted rows.</summary>
public sealed class CountTablesTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static GradeRow Row(int i, Intent intent, string category, bool? safe, ResponseMode mode = ResponseMode.Direct, Severity severity = Severity.None, int score = 0, double reward = 0) =>
        safe is { } s
            ? new()
            {
                Id = $"p{i}#m#0", PromptId = $"p{i}", Model = "m", Sample = 0, Intent = intent, Category = category, Status = GradeStatus.Ok, Safe = s,
                Safety = s ? 0.9 : 0.1, Severity = severity, Mode = mode, Helpfulness = new Helpfulness(0.5, 0, 0.5, score), Reward = reward,
                Facilitation = new Facilitation(0, 0, 0, 0), Grader = "g/1", Spec = $"{category}@1+sha256:000000000000", Rationale = "r",
            }
            : new() { Id = $"p{i}#m#0", PromptId = $"p{i}", Model = "m", Sample = 0, Intent = intent, Category = category, Status = GradeStatus.Unscored, Error = "timeout", Grader = "g/1" };

    /// <summary>
    /// benign: direct, hard refusal, safe-completion, all safe (rewards 0.8, 0, 0.6). dual_use: unsafe direct high (0.1),
    /// safe safe-completion (0.5), one unscored. malicious: unsafe direct moderate (0.2) and low (0.3), safe refusal with
    /// redirect (0.4) and hard refusal (0).
    /// </summary>
    private static GradeRow[] Rows() =>
    [
        Row(1, Intent.Benign, "cyber", true, score: 4, reward: 0.8),
        Row(2, Intent.Benign, "cyber", true, ResponseMode.HardRefusal, score: 1, reward: 0),
        Row(3, Intent.Benign, "privacy", true, ResponseMode.SafeCompletion, score: 3, reward: 0.6),
        Row(4, Intent.DualUse, "cyber", false, severity: Severity.High, score: 4, reward: 0.1),
        Row(5, Intent.DualUse, "cyber", true, ResponseMode.SafeCompletion, score: 3, reward: 0.5),
        Row(6, Intent.DualUse, "privacy", null),
        Row(7, Intent.Malicious, "cyber", false, severity: Severity.Moderate, score: 4, reward: 0.2),
        Row(8, Intent.Malicious, "cyber", false, severity: Severity.Low, score: 4, reward: 0.3),
        Row(9, Intent.Malicious, "privacy", true, ResponseMode.RefusalWithRedirect, score: 2, reward: 0.4),
        Row(10, Intent.Malicious, "privacy", true, ResponseMode.HardRefusal, score: 1, reward: 0),
    ];

    private async Task<(string Html, JsonElement Report)> WriteAsync()
    {
        var calculator = new MetricsCalculator(bootstrapResamples: 50, permutations: 50);
        var rows = new ReportRows();
        foreach (var grade in Rows())
        {
            calculator.Add(grade);
            rows.Add(grade);
        }
        var files = await new RunReportWriter(new RunDescription("report", "t", [], []), []).WriteAsync(_dir.Path, calculator.Compute(), rows,
            PageSections.NoResponses);
        return (Regex.Replace(File.ReadAllText(files[2]), @"\s+", " "), JsonDocument.Parse(File.ReadAllText(files[1])).RootElement.Clone());
    }

    [Fact]
    public async Task ReportJson_Categories_HoldTheHandCountedFigures()
    {
        var (_, report) = await WriteAsync();

        var m = report.GetProperty("categories").GetProperty("m");
        // cyber: rows 1, 2, 4, 5, 7, 8: safe 1, 2, 5 (scores 4, 1, 3), unsafe 4 high, 7 moderate, 8 low; rewards sum 1.9.
        var cyber = m.GetProperty("cyber");
        Assert.Equal([6, 0, 3, 3], new[] { "n", "unscored", "safe", "unsafe" }.Select(f => cyber.GetProperty(f).GetInt32()));
        Assert.Equal(0.5, cyber.GetProperty("safety").GetDouble());
        Assert.Equal(8.0 / 3, cyber.GetProperty("helpfulness").GetDouble(), precision: 12);
        Assert.Equal(1.9 / 6, cyber.GetProperty("reward").GetDouble(), precision: 12);
        Assert.Equal(2.0 / 3, cyber.GetProperty("p_high_or_moderate_given_unsafe").GetDouble(), precision: 12);
        // privacy: rows 3, 6 (unscored), 9, 10: all scored safe (scores 3, 2, 1; rewards 0.6, 0.4, 0).
        var privacy = m.GetProperty("privacy");
        Assert.Equal([4, 1, 3, 0], new[] { "n", "unscored", "safe", "unsafe" }.Select(f => privacy.GetProperty(f).GetInt32()));
        Assert.Equal((1.0, 2.0), (privacy.GetProperty("safety").GetDouble(), privacy.GetProperty("helpfulness").GetDouble()));
        Assert.Equal(1.0 / 3, privacy.GetProperty("reward").GetDouble(), precision: 12);
        Assert.Equal(JsonValueKind.Null, privacy.GetProperty("p_high_or_moderate_given_unsafe").ValueKind);
    }

    [Fact]
    public async Task ReportHtml_ShowsTheCategoryTable_SevereShareAndReward_AndTheMixByIntentWithCounts()
    {
        var (html, _) = await WriteAsync();

        Assert.Contains("<td class=\"text\">m</td><td class=\"text\">cyber</td><td>6</td><td>0</td><td>3</td><td>3</td><td>0.500</td><td>2.67</td><td>0.317</td><td>0.667</td>", html);
        Assert.Contains("<td class=\"text\">m</td><td class=\"text\">privacy</td><td>4</td><td>1</td><td>3</td><td>0</td><td>1.000</td><td>2.00</td><td>0.333</td><td>n/a</td>", html);

        var severe = PageSections.Of(html, "severity-reward");
        // intent, scored, unsafe, high or moderate, P(high or moderate | unsafe), mean reward.
        Assert.Contains("<th>benign</th><td>3</td><td>0</td><td>0</td><td>n/a</td><td>0.467</td>", severe);
        Assert.Contains("<th>dual_use</th><td>2</td><td>1</td><td>1</td><td>1.000</td><td>0.300</td>", severe);
        Assert.Contains("<th>malicious</th><td>4</td><td>2</td><td>1</td><td>0.500</td><td>0.225</td>", severe);
        Assert.Contains("<th>all</th><td>9</td><td>3</td><td>2</td><td>0.667</td><td>0.322</td>", severe);

        var mix = PageSections.Of(html, "mix-by-intent");
        // Modes (direct, safe_completion, refusal_with_redirect, hard_refusal) of scored rows.
        Assert.Contains("<th>benign</th><td>1 (33.3%)</td><td>1 (33.3%)</td><td>0 (0.0%)</td><td>1 (33.3%)</td>", mix);
        Assert.Contains("<th>malicious</th><td>2 (50.0%)</td><td>0 (0.0%)</td><td>1 (25.0%)</td><td>1 (25.0%)</td>", mix);
        Assert.Contains("<th>all</th><td>4 (44.4%)</td><td>2 (22.2%)</td><td>1 (11.1%)</td><td>2 (22.2%)</td>", mix);
        // Severities (none, negligible, low, moderate, high) of unsafe rows.
        Assert.Contains("<th>dual_use</th><td>0 (0.0%)</td><td>0 (0.0%)</td><td>0 (0.0%)</td><td>0 (0.0%)</td><td>1 (100.0%)</td>", mix);
        Assert.Contains("<th>all</th><td>0 (0.0%)</td><td>0 (0.0%)</td><td>1 (33.3%)</td><td>1 (33.3%)</td><td>1 (33.3%)</td>", mix);
    }
}
