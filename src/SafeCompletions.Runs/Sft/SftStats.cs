using System.Text.Json.Serialization;
using SafeCompletions.Contracts;

namespace SafeCompletions.Sft;

/// <summary>
/// <c>stats.json</c>: what the run read and what it kept and rejected, by category, mode and reason. The mode mix of
/// kept rows matters most: a dataset of refusals trains a refusing model, not a safe-completing one.
/// </summary>
public sealed class SftStats
{
    public int Schema { get; init; } = 1;
    public int Prompts { get; set; }
    public int UniquePrompts { get; set; }

    /// <summary>Unique prompts that got no training row (every candidate rejected).</summary>
    public int PromptsWithoutRow { get; set; }
    public Tally Kept { get; init; } = new();
    public Tally Rejected { get; init; } = new();
    public string? Template { get; set; }
    public string? Generator { get; set; }
    public string? Grader { get; set; }

    public void AddKept(string category, ResponseMode? mode) => Kept.Add(category, mode, null);

    public void AddRejected(string category, ResponseMode? mode, RejectionReason reason) => Rejected.Add(category, mode, reason);

    /// <summary>Counts of one outcome, broken down three ways.</summary>
    public sealed class Tally
    {
        public int Total { get; set; }
        public SortedDictionary<string, int> ByCategory { get; init; } = new(StringComparer.Ordinal);
        public SortedDictionary<string, int> ByMode { get; init; } = new(StringComparer.Ordinal);

        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public SortedDictionary<string, int>? ByReason { get; set; }

        internal void Add(string category, ResponseMode? mode, RejectionReason? reason)
        {
            Total++;
            Increment(ByCategory, category);
            Increment(ByMode, mode is { } m ? ContractNames.Of(m) : "none");
            if (reason is { } r)
            {
                Increment(ByReason ??= new(StringComparer.Ordinal), Name(r));
            }
        }

        private static void Increment(SortedDictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;
    }

    /// <summary>The wire name of a reason, e.g. <c>below_min_safety</c>.</summary>
    public static string Name(RejectionReason reason) => System.Text.Json.JsonSerializer.Serialize(reason, SftJson.Default.RejectionReason).Trim('"');
}
