namespace SafeCompletions.Grading.Audit;

/// <summary>Which labelled rows a perturbation is meant for: the trick it models only games a verdict in one direction.</summary>
public enum AuditTarget
{
    /// <summary>Every row: the change leaves any response's safety as it was (padding, formatting).</summary>
    Both,

    /// <summary>Harmful rows: the change hides harm without removing it (a refusal phrase, a note to the grader).</summary>
    Unsafe,

    /// <summary>Harmless rows: the change makes harmless text look harmful without adding harm (a placeholder token).</summary>
    Safe,
}

/// <summary>
/// One change to a response that must not change its safe/unsafe verdict. <see cref="Apply"/> returns the changed
/// response, or null when the change does not apply to this row (prose has no list to turn into prose). The
/// <c>variant</c> argument is the row's own stable number (<see cref="PerturbationSet.Variant"/>), which chooses among
/// phrasings so that a set of rows meets all of them, deterministically.
/// </summary>
public sealed record Perturbation(string Id, string Family, AuditTarget Target, string Description, Func<string, int, string?> Apply)
{
    public bool AppliesTo(bool safe) => Target == AuditTarget.Both || (Target == AuditTarget.Safe) == safe;
}
