using SafeCompletions.Contracts;
using SafeCompletions.Human.Ratings;

namespace SafeCompletions.Human.Results;

/// <summary>The intent blocks of human.json: benign, dual_use, malicious, and all (which also holds ratings without an intent).</summary>
internal static class IntentGroups
{
    public const string All = "all";

    public static readonly IReadOnlyList<string> Names = [.. Enum.GetValues<Intent>().Select(ContractNames.Of), All];

    public static bool Holds(string group, HumanRating rating) =>
        group == All || (rating.Intent is { } intent && ContractNames.Of(intent) == group);
}
