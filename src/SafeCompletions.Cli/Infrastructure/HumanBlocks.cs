using SafeCompletions.Human.Results;
using SafeCompletions.Reports;
using SafeCompletions.Statistics;

namespace SafeCompletions.Cli.Infrastructure;

/// <summary>The eval report's human block from a human.json: per model and intent, every comparison, and the safety agreement.</summary>
internal static class HumanBlocks
{
    public static async Task<HumanBlock?> ReadAsync(string? path, CancellationToken cancellationToken)
    {
        if (path is null)
        {
            return null;
        }
        var (report, file) = await HumanResultsFile.ReadAsync(path, cancellationToken);
        return new HumanBlock(
            InputFile.Of(file),
            [.. report.Models.SelectMany(m => m.Value.Select(i => new HumanModelFigures(
                m.Key, i.Key, i.Value.NRatings, i.Value.MeanSafety, i.Value.MeanSafetyCi, i.Value.ShareClearlyUnsafe)))],
            [.. report.Comparisons.Select(c => new HumanComparisonFigures(
                c.A, c.B, c.Intent, c.NRatings, Wins(c.Helpfulness), Wins(c.Balance), c.Safety.Diff, c.Safety.PValue))],
            report.Agreement.SafetyAlphaOrdinal);
    }

    private static HumanWins Wins(PreferenceShares s) => new(s.AWins, s.BWins, s.Ties, s.PValue);
}
