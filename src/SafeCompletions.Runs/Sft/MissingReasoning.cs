namespace SafeCompletions.Sft;

/// <summary>What to do with a candidate that came back with no chain of thought.</summary>
public enum MissingReasoning
{
    /// <summary>Reject it as <see cref="RejectionReason.NoReasoning"/>: the method trains on CoT plus answer. The default.</summary>
    Reject,

    /// <summary>Keep it with an empty CoT (for non-reasoning generators); the row's metadata says so.</summary>
    Keep,
}
