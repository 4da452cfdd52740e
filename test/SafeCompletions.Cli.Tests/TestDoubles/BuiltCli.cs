using System.Diagnostics;

namespace SafeCompletions.Cli.Tests.TestDoubles;

/// <summary>The safecomp executable built beside these tests (same configuration), run as a user runs it.</summary>
public static class BuiltCli
{
    public static string Path()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Parent!.Name;
        return System.IO.Path.Combine(RepositoryRoot(), "src", "SafeCompletions.Cli", "bin", configuration, "net10.0", "linux-x64", "safecomp");
    }

    /// <summary>The checkout these tests were built from (the directory holding SafeCompletions.slnx).</summary>
    public static string RepositoryRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(System.IO.Path.Combine(root.FullName, "SafeCompletions.slnx")))
        {
            root = root.Parent;
        }
        return root!.FullName;
    }

    /// <summary>Runs the command in a child process to its end: its exit code and both streams, all it wrote to them (a host's own log too).</summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] arguments) =>
        RunInAsync(Environment.CurrentDirectory, arguments);

    /// <summary>As <see cref="RunAsync"/>, in <paramref name="workingDirectory"/> (where relative defaults such as safecomp-out/ land).</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunInAsync(string workingDirectory, params string[] arguments)
    {
        using var child = Start(arguments, workingDirectory);
        var stdout = child.StandardOutput.ReadToEndAsync();
        var stderr = child.StandardError.ReadToEndAsync();
        // A server that did start would never exit: stop it, and the exit code says what went wrong.
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await child.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
        }
        return (child.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts the command in a child process, both streams redirected (read them, or it may block).</summary>
    public static Process Start(string[] arguments, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(Path()) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? "" };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        return Process.Start(start)!;
    }

    /// <summary>Starts the command in a child process and kills it (SIGKILL) as soon as <paramref name="killWhen"/> holds.</summary>
    public static async Task RunAndKillAsync(string[] arguments, Func<bool> killWhen)
    {
        var (child, _, _) = await StartAndWaitAsync(arguments, killWhen, "killed");
        using (child)
        {
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
        }
    }

    /// <summary>
    /// Starts the command in a child process, sends it <paramref name="signal"/> (TERM, INT: a name as kill(1) takes it)
    /// once <paramref name="signalWhen"/> holds, and returns how it ended: its exit code and what it wrote.
    /// </summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAndSignalAsync(string[] arguments, Func<bool> signalWhen, string signal)
    {
        var (child, stdout, stderr) = await StartAndWaitAsync(arguments, signalWhen, "signalled");
        using (child)
        {
            // kill(1) rather than a P/Invoke of kill(2): the signal a user, docker stop or a scheduler sends.
            using (var kill = Process.Start("kill", ["-" + signal, child.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }
            await child.WaitForExitAsync();
            return (child.ExitCode, await stdout, await stderr);
        }
    }

    /// <summary>Starts the command with its output collected, and waits (up to a minute) until <paramref name="when"/> holds while it still runs.</summary>
    private static async Task<(Process Child, Task<string> Stdout, Task<string> Stderr)> StartAndWaitAsync(string[] arguments, Func<bool> when, string what)
    {
        var child = Start(arguments);
        var stdout = child.StandardOutput.ReadToEndAsync();
        var stderr = child.StandardError.ReadToEndAsync();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!when() && DateTime.UtcNow < deadline && !child.HasExited)
        {
            await Task.Delay(50);
        }
        Assert.False(child.HasExited, $"the run ended before it could be {what}: {(child.HasExited ? await stdout + await stderr : "")}");
        return (child, stdout, stderr);
    }

    /// <summary>A count from a run's state database, read-only while the run may be writing; 0 until it exists.</summary>
    public static int CountIn(string database, string sql)
    {
        if (!File.Exists(database))
        {
            return 0;
        }
        try
        {
            using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return 0;
        }
    }
}
