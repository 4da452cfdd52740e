using Spectre.Console;

namespace SafeCompletions.Cli.Infrastructure;

/// <summary>
/// Where progress, warnings and errors go (standard error), so standard output holds only the results (tables, the
/// files written) and is safe to pipe.
/// </summary>
internal sealed record ErrorConsole(IAnsiConsole Console);
