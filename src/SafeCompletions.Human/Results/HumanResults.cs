using SafeCompletions.Human.Ratings;
using SafeCompletions.Human.Statistics;

namespace SafeCompletions.Human.Results;

/// <summary>Computes human.json's figures from a source of ratings (docs/human.md, "Results").</summary>
public static class HumanResults
{
    public static async Task<HumanReport> ComputeAsync(IRatingSource source, HumanResultsOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new HumanResultsOptions();
        options.Validate();
        var all = new List<HumanRating>();
        await foreach (var rating in source.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            all.Add(rating);
        }
        return Compute(all, options);
    }

    public static HumanReport Compute(IReadOnlyList<HumanRating> all, HumanResultsOptions options)
    {
        var selection = RatingSelection.Of(all, options.MinGoldAccuracy);
        var counted = selection.Counted;
        var goldChecks = selection.GoldByRater.Values.Sum(g => g.Checks);
        var goldRight = selection.GoldByRater.Values.Sum(g => g.Right);
        return new HumanReport(
            Schema: 1,
            ModelFigures.Of(counted, options),
            ComparisonFigures.Of(counted, options),
            AgreementFigures.Of(counted),
            PositionBiasFigures.Of(counted),
            RaterFigures.Of(selection, all),
            new GoldSummary(selection.Gold.Select(g => g.Item).Distinct().Count(), selection.Gold.Count, goldChecks,
                goldChecks == 0 ? null : (double)goldRight / goldChecks),
            selection.Exclusions,
            new HumanStatistics(
                options.Resamples,
                options.Seed,
                ClusteredBootstrap.Description,
                WilcoxonSignedRank.Name,
                SignTest.Name + "; units: prompts, each going to the system more of its ratings preferred",
                "Krippendorff's alpha (Krippendorff 2011): safety ordinal over item x model units, preferences nominal over items with values = winning system or tie",
                options.MinGoldAccuracy));
    }
}
