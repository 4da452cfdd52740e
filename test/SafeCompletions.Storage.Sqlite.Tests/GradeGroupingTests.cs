using System.Text.Json;
using SafeCompletions.Storage.Sqlite;
using SafeCompletions.Contracts;
using SafeCompletions.Statistics;

namespace SafeCompletions.Storage.Sqlite.Tests;

public sealed class GradeGroupingTests
{
    /// <summary>Two models on 40 prompts, three samples each, in model-major order (as two grade files give them).</summary>
    private static List<GradeRow> ModelMajor() =>
    [
        .. new[] { "m1", "m2" }.SelectMany(model => Enumerable.Range(0, 40).SelectMany(p => Enumerable.Range(0, 3).Select(s =>
        {
            var safe = (p + s + model.Length * 3) % (model == "m1" ? 3 : 5) != 0;
            return new GradeRow
            {
                Id = $"p{p}#{model}#{s}", PromptId = $"p{p}", Model = model, Sample = s, Intent = p % 5 == 4 ? null : (Intent)(p % 3),
                Status = (p * 3 + s) % 17 == 0 ? GradeStatus.Unscored : GradeStatus.Ok, Safe = safe, Severity = safe ? Severity.None : Severity.Moderate,
                Mode = (ResponseMode)(s % 3), Helpfulness = new Helpfulness(0.5, 0.5, 0.5, 1 + (p + s) % 4), Reward = 0.01 * p + 0.1 * s,
            };
        }))),
    ];

    private static string Json(MetricsCalculator calculator) => JsonSerializer.Serialize(calculator.Compute(), ReportJson.Default.MetricsReport);

    [Fact]
    public void AddTo_RowsInAnyOrder_GiveTheMetricsOfTheSameRowsGroupedByPrompt()
    {
        var rows = ModelMajor();
        var grouped = new MetricsCalculator { CheckGrouping = true };
        foreach (var row in rows.GroupBy(r => r.PromptId).SelectMany(g => g))
        {
            grouped.Add(row);
        }

        var throughGrouping = new MetricsCalculator { CheckGrouping = true };
        using (var grouping = new GradeGrouping())
        {
            rows.ForEach(row => grouping.Add(row, new GradeOrigin("grades.jsonl", 1)));
            grouping.AddTo(throughGrouping);
        }

        var expected = Json(grouped);
        Assert.Equal(expected, Json(throughGrouping));
        Assert.Contains("\"prompts\": 40", expected);
    }

    [Fact]
    public void Add_RepeatedId_ReturnsWhereTheFirstWas_AndCountsItOnce()
    {
        var rows = ModelMajor();
        var once = new MetricsCalculator();
        var withRepeats = new MetricsCalculator();
        using (var grouping = new GradeGrouping())
        {
            for (var i = 0; i < rows.Count; i++)
            {
                Assert.Null(grouping.Add(rows[i], new GradeOrigin("a.jsonl", i + 1)));
            }
            Assert.Equal(new GradeOrigin("a.jsonl", 5), grouping.Add(rows[4], new GradeOrigin("b.jsonl", 1)));
            Assert.Equal(new GradeOrigin("a.jsonl", 1), grouping.Add(rows[0], new GradeOrigin("a.jsonl", 300)));
            grouping.AddTo(withRepeats);
        }
        foreach (var row in rows.GroupBy(r => r.PromptId).SelectMany(g => g))
        {
            once.Add(row);
        }

        Assert.Equal(Json(once), Json(withRepeats));
    }

    [Fact]
    public void Dispose_DeletesTheTemporaryFile()
    {
        using var dir = new TempDirectory();
        using (var grouping = new GradeGrouping(dir.Path))
        {
            ModelMajor().ForEach(row => grouping.Add(row, new GradeOrigin("grades.jsonl", 1)));
            Assert.Single(Directory.GetFiles(dir.Path));
        }

        Assert.Empty(Directory.GetFiles(dir.Path));
    }
}
