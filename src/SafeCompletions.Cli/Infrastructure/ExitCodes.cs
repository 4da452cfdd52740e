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

    /// <summary>The run finished but some rows are unscored, failed or were skipped.</summary>
    public const int Incomplete = 1;

    /// <summary>Bad input or usage; the message names the file, line and field.</summary>
    public const int BadInput = 2;

    /// <summary>An unexpected fault in the tool itself.</summary>
    public const int InternalError = 3;

    public static int Report(IAnsiConsole console, Exception exception)
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
            case InvalidInputException or UsageException or FormatException or CommandAppException:
                console.MarkupLineInterpolated($"[red]error:[/] {exception.Message}");
                return BadInput;
            case OperationCanceledException:
                console.MarkupLine("[yellow]cancelled[/]: nothing was written; verdicts already cached are kept, so running again resumes.");
                return 130;
            default:
                console.MarkupLineInterpolated($"[red]internal error:[/] {exception.GetType().Name}: {exception.Message}");
                return InternalError;
        }
    }
}
