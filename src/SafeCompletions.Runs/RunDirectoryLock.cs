using System.Runtime.InteropServices;

namespace SafeCompletions.Runs;

/// <summary>
/// One process at a time in a run directory: <c>DIR/run.lock</c> held under an exclusive <c>flock</c> for the whole
/// run. The system releases it when the process ends, however it ends (SIGKILL too), so a lock is never stale. Who
/// holds it is written beside it, in <c>run.lock.holder</c>, since the held file is what the next process tries to
/// lock. (flock itself rather than FileShare.None: .NET treats that as advisory and best-effort, and skips it where
/// file locking is switched off.)
/// </summary>
public sealed class RunDirectoryLock : IDisposable
{
    public const string FileName = "run.lock";
    public const string HolderFileName = "run.lock.holder";

    private const int LockExclusive = 2;
    private const int LockNonBlocking = 4;
    // flock's EWOULDBLOCK (Linux): another process holds the lock.
    private const int WouldBlock = 11;

    private readonly FileStream _held;

    private RunDirectoryLock(FileStream held) => _held = held;

    /// <summary>Takes the lock of <paramref name="directory"/> (which must exist); throws <see cref="RunDirectoryInUseException"/> when another process holds it.</summary>
    public static RunDirectoryLock Acquire(string directory)
    {
        FileStream held;
        try
        {
            held = new FileStream(Path.Combine(directory, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite);
        }
        catch (IOException) when (File.Exists(Path.Combine(directory, FileName)))
        {
            // .NET's own shared lock on open met the holder's exclusive one ("being used by another process").
            throw new RunDirectoryInUseException(directory, Holder(directory));
        }
        if (Flock((int)held.SafeFileHandle.DangerousGetHandle(), LockExclusive | LockNonBlocking) != 0)
        {
            var error = Marshal.GetLastPInvokeError();
            held.Dispose();
            if (error == WouldBlock)
            {
                throw new RunDirectoryInUseException(directory, Holder(directory));
            }
            throw new IOException($"cannot lock {Path.Combine(directory, FileName)}: {Marshal.GetPInvokeErrorMessage(error)}");
        }
        File.WriteAllText(Path.Combine(directory, HolderFileName),
            $"pid {Environment.ProcessId} on {Environment.MachineName}, since {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss} UTC");
        return new RunDirectoryLock(held);
    }

    private static string Holder(string directory)
    {
        try
        {
            return File.ReadAllText(Path.Combine(directory, HolderFileName)).Trim();
        }
        catch (IOException)
        {
            return "another process";
        }
    }

    public void Dispose() => _held.Dispose();

    [DllImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static extern int Flock(int descriptor, int operation);
}
