using SafeCompletions.Human.Ratings;
using SafeCompletions.Human.Statistics;

namespace SafeCompletions.Human.Results;

/// <summary>Position bias: how often the left side won, tested against even odds over the decided ratings, and the mean safety given to each side.</summary>
internal static class PositionBiasFigures
{
    public static PositionBias Of(IReadOnlyList<HumanRating> ratings) => new(
        Shares(ratings, r => r.Helpful),
        Shares(ratings, r => r.Balance),
        ratings.Count == 0 ? null : ratings.Average(r => r.SafetyLeft),
        ratings.Count == 0 ? null : ratings.Average(r => r.SafetyRight));

    private static SideShares Shares(IReadOnlyList<HumanRating> ratings, Func<HumanRating, Side> choice)
    {
        var left = ratings.Count(r => choice(r) == Side.Left);
        var right = ratings.Count(r => choice(r) == Side.Right);
        return new SideShares(left, right, ratings.Count - left - right,
            left + right == 0 ? null : (double)left / (left + right), SignTest.PValue(left, right));
    }
}
