using SafeCompletions.Cli;
using Spectre.Console.Testing;

namespace SafeCompletions.Cli.Tests.TestDoubles;

/// <summary>Runs the real <c>safecomp</c> command line in-process against test consoles.</summary>
public static class CliRun
{
    /// <summary>The exit code and everything written: standard output, then standard error (progress and errors).</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var (exitCode, stdout, stderr) = await RunSplitAsync(args);
        return (exitCode, stdout + stderr);
    }

    /// <summary>The exit code, what went to standard output and what went to standard error.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunSplitAsync(params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 400;
        var errors = new TestConsole();
        errors.Profile.Width = 400;
        var exitCode = await SafecompApp.RunAsync(args, console, errors: errors);
        return (exitCode, console.Output, errors.Output);
    }
}
