using System.Runtime.InteropServices;
using SafeCompletions.Cli;
using SafeCompletions.Cli.Infrastructure;
using SafeCompletions.Runs;
using Spectre.Console;

// Before anything else allocates: two glibc malloc arenas instead of up to eight per core. eval and sft run SQLite on
// many thread-pool threads, and per-thread arenas fragment (6–11 MB of a 100k-prompt eval's peak; MallocArenas).
MallocArenas.Limit();
// And freed native memory goes back to the system as a long run goes on, instead of staying resident (MallocArenas).
using var trimmer = MallocArenas.TrimEvery(TimeSpan.FromSeconds(5));

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
// SIGTERM (docker stop, kill, a batch scheduler) stops a run as Ctrl-C does: finished work is kept, exit 143.
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    Interruption.Terminated();
    cancellation.Cancel();
});
if (Console.IsOutputRedirected)
{
    // Piped output is for files and other programs: do not wrap it at a pretend terminal width.
    AnsiConsole.Console.Profile.Width = 4096;
}
// Progress and errors on standard error, so standard output is the results alone.
var errors = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
if (Console.IsErrorRedirected)
{
    errors.Profile.Width = 4096;
}
return await SafecompApp.RunAsync(args, AnsiConsole.Console, cancellation.Token, errors);
