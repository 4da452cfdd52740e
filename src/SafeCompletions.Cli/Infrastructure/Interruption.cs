namespace SafeCompletions.Cli.Infrastructure;

/// <summary>Which signal stopped the run, for its exit code: Ctrl-C (130) unless SIGTERM came (143).</summary>
internal static class Interruption
{
    private static int _exitCode = ExitCodes.Interrupted;

    public static int ExitCode => Volatile.Read(ref _exitCode);

    /// <summary>Called by the SIGTERM handler before it cancels the run.</summary>
    public static void Terminated() => Volatile.Write(ref _exitCode, ExitCodes.Terminated);
}
