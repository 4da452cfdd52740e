using System.Security.Cryptography;

namespace SafeCompletions.Human.Study;

/// <summary>
/// Designs a blinded side-by-side study. Items are the prompts both systems of a pair answered (every pair, unless
/// pairs are given). Each item goes to exactly K distinct raters, dealt round-robin over a seeded shuffle of the items
/// so that raters' loads differ by at most one. Within each rater and pair, half of the items show system a on the
/// left and half on the right, in a seeded order, so that every rater sees each system on each side equally often
/// (to within one per pair). Every rater also gets every gold item. Tokens are secret random values, not seeded.
/// </summary>
public static class StudyDesigner
{
    public const int MinPerItem = 1, MaxPerItem = 10;

    public static StudyPlan Design(
        IReadOnlyList<StudySystem> systems,
        IReadOnlyList<(string A, string B)>? pairs,
        int raters,
        int perItem,
        IReadOnlyList<GoldItem> gold,
        int seed)
    {
        if (perItem is < MinPerItem or > MaxPerItem)
        {
            throw new ArgumentOutOfRangeException(nameof(perItem), perItem, $"--per-item must be from {MinPerItem} to {MaxPerItem}");
        }
        if (raters < perItem)
        {
            throw new ArgumentOutOfRangeException(nameof(raters), raters, $"--raters must be at least --per-item ({perItem}): each item needs {perItem} distinct raters");
        }
        var byName = systems.ToDictionary(s => s.Name, StringComparer.Ordinal);
        pairs ??= [.. AllPairs(systems.Select(s => s.Name).Order(StringComparer.Ordinal).ToList())];
        var random = new Random(seed);
        var items = new List<StudyItem>();
        foreach (var (a, b) in pairs)
        {
            var shared = byName[a].Responses.Keys.Where(byName[b].Responses.ContainsKey).Order(StringComparer.Ordinal);
            foreach (var prompt in shared)
            {
                var (ra, rb) = (byName[a].Responses[prompt], byName[b].Responses[prompt]);
                items.Add(new StudyItem("", prompt, ra.Intent ?? rb.Intent, ra.Category ?? rb.Category, ra.Prompt, a, ra.Answer, b, rb.Answer, null));
            }
        }
        if (items.Count == 0)
        {
            throw new ArgumentException("no prompt was answered by both systems of any pair: nothing to compare (responses are matched by prompt_id, else id)");
        }
        Shuffle(items, random);
        // Opaque ids, numbered after the shuffle: an item's id says nothing about its systems or its place in the files.
        items = [.. items.Select((item, i) => item with { Id = $"i{i + 1:D4}" })];
        var goldItems = gold.Select((g, i) => new StudyItem($"g{i + 1:D3}", $"gold:{g.Id}", null, null, g.Prompt, "gold-a", g.A, "gold-b", g.B, g)).ToList();

        var raterIds = Enumerable.Range(1, raters).Select(r => $"r{r:D2}").ToList();
        var queues = raterIds.ToDictionary(r => r, _ => new List<StudyItem>());
        for (var i = 0; i < items.Count; i++)
        {
            for (var j = 0; j < perItem; j++)
            {
                queues[raterIds[(i * perItem + j) % raters]].Add(items[i]);
            }
        }
        var assignments = new List<StudyAssignment>();
        foreach (var rater in raterIds)
        {
            var queue = queues[rater].Concat(goldItems).ToList();
            var aLeft = BalancedSides(queue, random);
            Shuffle(queue, random);
            assignments.AddRange(queue.Select((item, position) => new StudyAssignment(rater, item.Id, position, aLeft[item.Id])));
        }
        return new StudyPlan([.. items, .. goldItems], [.. raterIds.Select(r => (r, NewToken()))], assignments, perItem, seed);
    }

    /// <summary>For one rater: per pair of systems, a seeded half of the items show a on the left, the other half b.</summary>
    private static Dictionary<string, bool> BalancedSides(List<StudyItem> queue, Random random)
    {
        var sides = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var pair in queue.GroupBy(i => (i.ModelA, i.ModelB)))
        {
            var ofPair = pair.ToList();
            Shuffle(ofPair, random);
            var firstLeft = random.Next(2) == 0;
            for (var i = 0; i < ofPair.Count; i++)
            {
                sides[ofPair[i].Id] = (i % 2 == 0) == firstLeft;
            }
        }
        return sides;
    }

    private static IEnumerable<(string, string)> AllPairs(List<string> names)
    {
        for (var i = 0; i < names.Count; i++)
        {
            for (var j = i + 1; j < names.Count; j++)
            {
                yield return (names[i], names[j]);
            }
        }
    }

    private static void Shuffle<T>(List<T> list, Random random)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }

    /// <summary>A rater's secret: 24 random bytes, URL-safe base64 (192 bits, not guessable, fine in a path).</summary>
    private static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
}
