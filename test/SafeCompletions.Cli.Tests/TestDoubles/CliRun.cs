using SafeCompletions.Cli;
using Spectre.Console.Testing;

namespace SafeCompletions.Cli.Tests.TestDoubles;

/// <summary>Runs the real <c>safecomp</c> command line in-process against a test console.</summary>
public static class CliRun
{
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 400;
        var exitCode = await SafecompApp.RunAsync(args, console);
        return (exitCode, console.Output);
    }
}
