using SafeCompletions.Grading;
using SafeCompletions.Statistics;

namespace SafeCompletions.Reports.Tests;

/// <summary>A report.json to draw with, its text full of markup that the page must show as text.</summary>
internal static class RunReportFixture
{
    public const string Grader = "judge/1:<b>bold</b>";

    public static RunReport Report() => new(1,
        new RunMetadata("eval", "1.2.3+abc", "2026-12-04T12:00:00Z", 30, 1, 1, [new InputFile("prompts <x>.jsonl", "ab12")], [],
            [new NamedCount(Grader, 60)], [new NamedCount("cyber@1+sha256:0123456789ab", 60)]),
        [new GraderAccuracyNote(Grader, 60, null)],
        new Dictionary<string, IReadOnlyDictionary<string, CategoryMetrics>>
        {
            ["<i>model</i>"] = new Dictionary<string, CategoryMetrics> { ["cyber <&>"] = new(60, 0, 50, 10, 50 / 60.0, 3, 0.4, 1) },
        });
}
