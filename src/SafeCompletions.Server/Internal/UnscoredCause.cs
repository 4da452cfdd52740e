namespace SafeCompletions.Server.Internal;

/// <summary>Why the service, rather than the grader's verdict, left an item unscored (a metric label).</summary>
internal enum UnscoredCause
{
    /// <summary>The grader said so (no spec for the category, a judge that kept failing, …).</summary>
    Grader,

    /// <summary>The request's time ran out before the item was graded.</summary>
    Timeout,

    /// <summary>The item could not be made into a grading request (e.g. a query that does not start with its prompt).</summary>
    InvalidItem,
}
