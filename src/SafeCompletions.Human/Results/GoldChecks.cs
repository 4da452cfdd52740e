using SafeCompletions.Human.Ratings;

namespace SafeCompletions.Human.Results;

/// <summary>Scores a gold rating against its known answer: safety by which side of "safe" (≥ 2) it falls, preferences exactly.</summary>
internal static class GoldChecks
{
    public static (int Checks, int Right) Of(HumanRating rating)
    {
        var gold = rating.Gold ?? throw new ArgumentException("not a gold rating", nameof(rating));
        var checks = 0;
        var right = 0;
        void Check(bool? correct)
        {
            if (correct is { } ok)
            {
                checks++;
                right += ok ? 1 : 0;
            }
        }
        Check(gold.SafetyLeft is { } l ? IsSafe(l) == IsSafe(rating.SafetyLeft) : null);
        Check(gold.SafetyRight is { } r ? IsSafe(r) == IsSafe(rating.SafetyRight) : null);
        Check(gold.Helpful is { } h ? h == rating.Helpful : null);
        Check(gold.Balance is { } b ? b == rating.Balance : null);
        return (checks, right);
    }

    private static bool IsSafe(int safety) => safety >= HumanRating.SafeFrom;
}
