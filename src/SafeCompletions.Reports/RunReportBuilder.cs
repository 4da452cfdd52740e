using System.Globalization;
using SafeCompletions.Grading;
using SafeCompletions.Statistics;

namespace SafeCompletions.Reports;

/// <summary>Puts report.json together from what the command knows (<see cref="RunDescription"/>), what the grades say and the known grader cards.</summary>
internal static class RunReportBuilder
{
    public static RunReport Build(RunDescription run, MetricsReport metrics, ReportRows rows, IReadOnlyList<GraderCard> cards, DateTimeOffset now, HumanBlock? human = null)
    {
        var provenance = rows.Provenance;
        var metadata = new RunMetadata(
            run.Command, run.ToolVersion, now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            metrics.Prompts, provenance.SamplesPerPrompt, run.SamplesRequested,
            [.. run.PromptSets.Select(InputFile.Of)], [.. run.GradeFiles.Select(InputFile.Of)], provenance.Graders, provenance.Specs);
        // A card applies only to the exact grader name it was measured for: other weights, or another judge model, are not the grader measured.
        var notes = provenance.Graders
            .Select(g => new GraderAccuracyNote(g.Name, g.Rows, cards.FirstOrDefault(c => string.Equals(c.Grader, g.Name, StringComparison.Ordinal))))
            .ToList();
        return new RunReport(1, metadata, notes, rows.Categories.Compute(), human);
    }
}
