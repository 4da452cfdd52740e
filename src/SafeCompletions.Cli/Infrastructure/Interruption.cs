namespace SafeCompletions.Cli.Infrastructure;

/// <summary>Which signal stopped the run, for its exit code: Ctrl-C (130) unless SIGTERM came (143).</summary>
internal static class Interruption
{
    private static int _exitCode = ExitCodes.Interrupted;

    public static int ExitCode => Volatile.Read(ref _exitCode);

    /// <summary>Called by the SIGTERM handler before it cancels the run.</summary>
    public static void Terminated() => Volatile.Write(ref _exitCode, ExitCodes.Terminated);

    /// <summary>
    /// Runs a resumable run's work (eval, sft): stopped by a signal, it says what its run directory kept and how to go on,
    /// rather than the generic "nothing was written", which would be false (state.db holds every finished item).
    /// </summary>
    public static async Task<T> ResumableAsync<T>(string directory, string finished, Func<Task<T>> run, CancellationToken cancellationToken)
    {
        try
        {
            return await run();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new RunInterruptedException(
                $"{Path.Combine(directory, "state.db")} keeps {finished} already finished (at most the model calls in flight are lost); run the same command again to resume.");
        }
    }
}
