namespace SafeCompletions.Cli.Infrastructure;

/// <summary>A command was called wrongly (a missing or conflicting option); exit 2 with the message.</summary>
internal sealed class UsageException(string message) : Exception(message);
