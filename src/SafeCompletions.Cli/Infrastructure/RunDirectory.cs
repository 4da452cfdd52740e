using SafeCompletions.Files;
using SafeCompletions.Runs;
using SafeCompletions.Specs;
using Spectre.Console;

namespace SafeCompletions.Cli.Infrastructure;

/// <summary>
/// The run directory of <c>eval</c> and <c>sft</c>: chosen (by default <c>safecomp-out/KIND-IDENTITY</c>, so two
/// different runs never share one), created, locked for this process, and its recorded settings checked.
/// </summary>
internal static class RunDirectory
{
    /// <summary>The specs the run is graded (and, for SFT, generated) under, as one value to settle.</summary>
    public static string SpecsOf(SpecCatalog catalog) => string.Join(",", catalog.All.Select(s => s.Identity));

    /// <summary>
    /// <paramref name="output"/>, or the default directory of this run's identity (said on standard error), created
    /// and locked for this process (the lock goes into <paramref name="resources"/>; exit 2 naming its holder).
    /// </summary>
    public static string Open(string? output, string kind, RunSettings run, ErrorConsole errors, DisposableList resources)
    {
        var directory = output ?? Path.Combine("safecomp-out", $"{kind}-{run.Identity()}");
        if (output is null)
        {
            errors.Console.MarkupLineInterpolated($"run directory: {directory} (the same command again resumes it; --out DIR chooses another)");
        }
        OutputDirectory.Create(directory);
        try
        {
            resources.Add(RunDirectoryLock.Acquire(directory));
        }
        catch (RunDirectoryInUseException busy)
        {
            throw new UsageException(busy.Message);
        }
        return directory;
    }

    /// <summary>Records the settings in a new run's store, or checks them against a resumed one's.</summary>
    public static void Settle(RunSettings run, Action<string, string> settle)
    {
        try
        {
            run.SettleWith(settle);
        }
        catch (InvalidOperationException mismatch)
        {
            throw new UsageException(mismatch.Message);
        }
    }
}
