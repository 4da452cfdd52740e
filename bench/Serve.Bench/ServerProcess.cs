using System.Diagnostics;
using System.Globalization;

namespace SafeCompletions.Bench.Serve;

/// <summary>`safecomp serve` as a child process on a loopback port: started, probed until healthy, sampled for memory, stopped with SIGTERM.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }

    public int Id => _process.Id;

    public static async Task<ServerProcess> StartAsync(string safecomp, int port, IEnumerable<string> extraArgs)
    {
        var url = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo(safecomp) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "serve", "--urls", url }.Concat(extraArgs))
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {safecomp}");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"[serve] {e.Data}"); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"[serve] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var probe = new HttpClient();
        for (var waited = Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromMinutes(2); await Task.Delay(200))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"safecomp serve exited with {process.ExitCode}");
            }
            try
            {
                if ((await probe.GetAsync(url + "/healthz")).IsSuccessStatusCode)
                {
                    return new ServerProcess(process, url);
                }
            }
            catch (HttpRequestException)
            {
            }
        }
        process.Kill();
        throw new TimeoutException("safecomp serve did not become healthy within 2 minutes");
    }

    /// <summary>The server's resident memory now, in MB (VmRSS from /proc).</summary>
    public double RssMegabytes() => StatusMegabytes("VmRSS:");

    /// <summary>The most resident memory the server has had, in MB (VmHWM from /proc).</summary>
    public double PeakRssMegabytes() => StatusMegabytes("VmHWM:");

    private double StatusMegabytes(string field)
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])?.WaitForExit();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                _process.Kill();
            }
        }
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
