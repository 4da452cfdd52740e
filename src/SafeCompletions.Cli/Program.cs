using SafeCompletions.Cli;
using Spectre.Console;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
if (Console.IsOutputRedirected)
{
    // Piped output is for files and other programs: do not wrap it at a pretend terminal width.
    AnsiConsole.Console.Profile.Width = 4096;
}
return await SafecompApp.RunAsync(args, AnsiConsole.Console, cancellation.Token);
