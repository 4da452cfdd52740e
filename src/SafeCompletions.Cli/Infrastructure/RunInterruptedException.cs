namespace SafeCompletions.Cli.Infrastructure;

/// <summary>A run was stopped by a signal; the message says what was kept and how to resume.</summary>
internal sealed class RunInterruptedException(string kept) : OperationCanceledException(kept);
