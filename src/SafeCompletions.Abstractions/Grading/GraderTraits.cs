namespace SafeCompletions.Grading;

/// <summary>
/// How a grader is best driven, read by the code that drives it (file grading, eval, sft, the reward service), so
/// that no caller needs to know which grader it holds.
/// </summary>
public sealed record GraderTraits
{
    /// <summary>Traits of a grader that says nothing: one request at a time, the caller's model concurrency.</summary>
    public static GraderTraits Default { get; } = new();

    /// <summary>
    /// How many requests the grader wants in flight at once; null when its model client bounds the work and the
    /// caller's model concurrency decides (the LLM judge).
    /// </summary>
    public int? PreferredConcurrency { get; init; }

    /// <summary>
    /// Requests per <see cref="IGrader.GradeBatchAsync"/> call that the grader fills best (the embedded grader encodes a
    /// batch's texts together); 1 when it has no batching of its own.
    /// </summary>
    public int PreferredBatchSize { get; init; } = 1;

    /// <summary>
    /// What besides the grader's name, the spec and the graded pair decides a grade (a safe threshold, say); part of
    /// the key under which a grade is cached. Empty when nothing does.
    /// </summary>
    public string CacheScope { get; init; } = "";
}
