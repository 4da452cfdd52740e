using Microsoft.Data.Sqlite;
using SafeCompletions.Jsonl;
using SafeCompletions.Specs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SafeCompletions.Cli.Infrastructure;

/// <summary>The exit codes of docs/design.md and the one place that turns a failure into a message and a code.</summary>
internal static class ExitCodes
{
    /// <summary>The run finished and every row was scored.</summary>
    public const int Success = 0;

    /// <summary>The run finished but some rows are unscored, failed or were skipped, or nothing could be kept.</summary>
    public const int Incomplete = 1;

    /// <summary>Bad input or usage; the message names the file, line and field, or the option.</summary>
    public const int BadInput = 2;

    /// <summary>An unexpected fault in the tool itself.</summary>
    public const int InternalError = 3;

    /// <summary>A file or network fault outside the tool: a path that cannot be written or read, a full disk, a port in use.</summary>
    public const int IOFault = 4;

    /// <summary>Interrupted by Ctrl-C (SIGINT), 128 + 2 as shells report it.</summary>
    public const int Interrupted = 130;

    /// <summary>Stopped by SIGTERM, 128 + 15; like Ctrl-C, finished work is kept.</summary>
    public const int Terminated = 143;

    public static int Report(IAnsiConsole console, Exception exception, OptionSuggestions? suggestions = null, IReadOnlyList<string>? args = null)
    {
        switch (exception)
        {
            case SpecValidationException specs:
                console.MarkupLine($"[red]error:[/] {specs.Errors.Count} spec problem(s):");
                foreach (var error in specs.Errors)
                {
                    console.WriteLine($"  {error}");
                }
                return BadInput;
            case CommandParseException parse when UnknownOption(parse) is { } unknown:
                var suggestion = suggestions?.For(args ?? [], unknown);
                console.MarkupLineInterpolated($"[red]error:[/] unknown option {unknown}{(suggestion is null ? "" : $"; did you mean {suggestion}?")} (safecomp COMMAND --help lists the options)");
                return BadInput;
            // InvalidDataException: an input file (weights, checkpoint, safetensors) that is not what it claims; its message names it.
            case InvalidInputException or UsageException or FormatException or CommandAppException or InvalidDataException:
                console.MarkupLineInterpolated($"[red]error:[/] {exception.Message}");
                return BadInput;
            case OperationCanceledException:
                console.MarkupLineInterpolated($"[yellow]{(Interruption.ExitCode == Terminated ? "terminated" : "interrupted")}[/]: {Kept(exception)}");
                return Interruption.ExitCode;
            case IOException or UnauthorizedAccessException
                or System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse }:
                console.MarkupLineInterpolated($"[red]I/O error:[/] {exception.Message}");
                return IOFault;
            case SqliteException sqlite when IsIOFault(sqlite):
                console.MarkupLineInterpolated($"[red]I/O error:[/] {sqlite.Message.Replace("SQLite Error", "SQLite", StringComparison.Ordinal)}");
                return IOFault;
            default:
                console.MarkupLineInterpolated($"[red]internal error:[/] {exception.GetType().Name}: {exception.Message}");
                return InternalError;
        }
    }

    private static string Kept(Exception exception) => exception is RunInterruptedException interrupted
        ? interrupted.Message
        : "nothing was written; verdicts already cached are kept, so running again resumes.";

    /// <summary>The option named by Spectre's "Unknown option 'x'." (strict parsing), with its dashes.</summary>
    private static string? UnknownOption(CommandParseException parse)
    {
        const string Prefix = "Unknown option '";
        if (!parse.Message.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var name = parse.Message[Prefix.Length..].TrimEnd('.').TrimEnd('\'');
        return name.StartsWith('-') ? name : (name.Length == 1 ? "-" : "--") + name;
    }

    // SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN: the file system's fault, not the tool's.
    private static bool IsIOFault(SqliteException sqlite) => sqlite.SqliteErrorCode is 8 or 10 or 13 or 14;
}
