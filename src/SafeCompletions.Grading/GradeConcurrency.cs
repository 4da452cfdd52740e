namespace SafeCompletions.Grading;

/// <summary>
/// How many responses to grade at once: enough that the grader never waits for work, few enough that the state of the
/// responses in flight (a judge's prompts, an encoder's inputs) stays small however many are queued.
/// </summary>
public static class GradeConcurrency
{
    /// <summary>For a grader that batches internally (the embedded grader's micro-batcher fills batches from many at once).</summary>
    public const int Batching = 256;

    /// <summary>
    /// For an LLM judge whose client lets <paramref name="callConcurrency"/> calls through at once: twice as many
    /// responses (each asks two rubrics), so that a call is always waiting when one returns.
    /// </summary>
    public static int ForJudge(int callConcurrency) => callConcurrency * 2;
}
