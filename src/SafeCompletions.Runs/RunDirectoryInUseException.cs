namespace SafeCompletions.Runs;

/// <summary>Another process is running in the directory: the command stops (exit 2) naming the directory and the holder.</summary>
public sealed class RunDirectoryInUseException(string directory, string holder)
    : InvalidOperationException($"the run directory {directory} is in use by another safecomp ({holder}); wait for it to finish, or give another --out")
{
    public string Directory { get; } = directory;
    public string Holder { get; } = holder;
}
