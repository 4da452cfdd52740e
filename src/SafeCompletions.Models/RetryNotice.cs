namespace SafeCompletions.Models;

/// <summary>One retry about to happen: which attempt failed, how long the client will wait, and why.</summary>
public sealed record RetryNotice(int Attempt, TimeSpan Delay, string Reason, bool FromRetryAfter);
