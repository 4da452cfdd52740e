using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using SafeCompletions.Cli.Tests.TestDoubles;

namespace SafeCompletions.Cli.Tests.Commands;

/// <summary>
/// File and network faults outside the tool (a directory in the way, a read-only location, a full disk, a port in use)
/// exit 4 with one line naming the path or address, never "internal error", and leave no partial file behind.
/// </summary>
public sealed class IOFaultTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Responses(int rows = 2) => _dir.Write("responses.jsonl", string.Join("\n", Enumerable.Range(0, rows).Select(i =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["id"] = $"r{i}",
            ["prompt"] = $"How do I stop Python process {i}?",
            ["response"] = string.Concat(Enumerable.Repeat($"Run kill with the process id {i}; Task Manager does it on Windows. ", 8)),
            ["category"] = "cyber",
            ["intent"] = "benign",
        }))) + "\n");

    private static string[] ErrorLines(string stderr) =>
        [.. stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase))];

    private static void AssertOneIOErrorNaming(string stderr, string path)
    {
        var errors = ErrorLines(stderr);
        Assert.True(errors.Length == 1, $"expected one error line, got: {stderr}");
        Assert.StartsWith("I/O error:", errors[0]);
        Assert.Contains(path, errors[0]);
        Assert.DoesNotContain("internal error", stderr);
    }

    private string[] Partials() => Directory.GetFiles(_dir.Path, "*.partial", SearchOption.AllDirectories);

    [Fact]
    public async Task Grade_OutIsAnExistingDirectory_Exits4NamingIt()
    {
        var input = Responses();
        var target = Directory.CreateDirectory(_dir.File("grades")).FullName;

        var (exitCode, _, stderr) = await CliRun.RunSplitAsync("grade", "--in", input, "--out", target);

        Assert.Equal(4, exitCode);
        AssertOneIOErrorNaming(stderr, target);
        Assert.Contains("is a directory", stderr);
        Assert.Empty(Partials());
    }

    [Fact]
    public async Task Eval_OutIsAnExistingFile_Exits4NamingIt()
    {
        var input = Responses();
        var target = _dir.Write("run", "not a directory");

        var (exitCode, _, stderr) = await CliRun.RunSplitAsync("eval", "--prompts", input, "--model", $"m=responses:{input}", "--out", target);

        Assert.Equal(4, exitCode);
        AssertOneIOErrorNaming(stderr, target);
        Assert.Contains("is a file", stderr);
        Assert.Equal("not a directory", File.ReadAllText(target));
    }

    [Fact]
    public async Task Grade_OutInAReadOnlyLocation_Exits4NamingTheFileAsked()
    {
        // /sys refuses new entries even to root, so this holds whoever runs the tests.
        const string target = "/sys/safecomp-test/grades.jsonl";

        var (exitCode, _, stderr) = await CliRun.RunSplitAsync("grade", "--in", Responses(), "--out", target);

        Assert.Equal(4, exitCode);
        AssertOneIOErrorNaming(stderr, target);
    }

    [Fact]
    public async Task Grade_OutOnAFullDevice_Exits4NamingIt()
    {
        // /dev/full accepts the open and fails every write with ENOSPC: a disk that is full.
        var (exitCode, _, stderr) = await CliRun.RunSplitAsync("grade", "--in", Responses(), "--out", "/dev/full");

        Assert.Equal(4, exitCode);
        AssertOneIOErrorNaming(stderr, "/dev/full");
        Assert.Contains("No space left on device", stderr);
    }

    [Fact]
    public async Task Grade_FileSizeLimitReachedMidWrite_Exits4AndLeavesNoPartialFile()
    {
        // A size-limited target, as a full disk is: `ulimit -f 4` (4 KiB) makes the write past it fail (EFBIG) while
        // the grades (40 rows of ~800 bytes) are being written.
        var input = Responses(rows: 40);
        var target = _dir.File("out/grades.jsonl");
        var start = new ProcessStartInfo("/bin/bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("trap '' XFSZ; ulimit -f 4; exec \"$0\" grade --in \"$1\" --out \"$2\" --no-cache");
        foreach (var argument in new[] { BuiltCli.Path(), input, target })
        {
            start.ArgumentList.Add(argument);
        }
        // The runtime's W^X double mapping sizes a memory file, which the limit would refuse before Main.
        start.Environment["DOTNET_EnableWriteXorExecute"] = "0";
        using var child = Process.Start(start)!;
        var stdout = child.StandardOutput.ReadToEndAsync();
        var stderr = await child.StandardError.ReadToEndAsync();
        await child.WaitForExitAsync();
        await stdout;

        Assert.Equal(4, child.ExitCode);
        AssertOneIOErrorNaming(stderr, target);
        Assert.False(File.Exists(target));
        Assert.Empty(Partials());
    }

    [Fact]
    public async Task Grade_CorruptWeights_Exits2NamingTheFileAndLine()
    {
        var weights = _dir.Write("weights.json", "{\"format\": 2,\n  \"features\": [oops]}\n");

        var (exitCode, _, stderr) = await CliRun.RunSplitAsync("grade", "--in", Responses(), "--out", _dir.File("g.jsonl"), "--weights", weights);

        Assert.Equal(2, exitCode);
        Assert.Contains($"{weights}:2:", stderr);
        Assert.DoesNotContain("internal error", stderr);
    }

    [Fact]
    public async Task Grade_MissingWeights_Exits2NamingTheOptionAndPath()
    {
        var weights = _dir.File("no-such-weights.json");

        var (exitCode, _, stderr) = await CliRun.RunSplitAsync("grade", "--in", Responses(), "--out", _dir.File("g.jsonl"), "--weights", weights);

        Assert.Equal(2, exitCode);
        Assert.Contains($"--weights: no file at {weights}", stderr);
    }

    [Fact]
    public async Task Serve_PortInUse_Exits4WithOneLineNamingTheAddress()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)holder.LocalEndpoint).Port}";

        var (exitCode, stdout, stderr) = await BuiltCli.RunAsync("serve", "--urls", url);

        Assert.Equal(4, exitCode);
        AssertOneIOErrorNaming(stderr, url);
        Assert.DoesNotContain("   at ", stdout + stderr);
    }

    [Fact]
    public async Task HumanServe_PortInUse_Exits4WithOneLineNamingTheAddress()
    {
        string Side(string model) => _dir.Write($"{model}.jsonl", string.Join("\n",
            Enumerable.Range(0, 4).Select(p => $$"""{"id":"p{{p}}","prompt":"question {{p}}","intent":"benign","response":"{{model}} says {{p}}"}""")));
        var study = _dir.File("study");
        Assert.Equal(0, (await CliRun.RunAsync("human", "create", "--responses", Side("base"), "--responses", Side("safe"), "--out", study)).ExitCode);
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)holder.LocalEndpoint).Port}";

        var (exitCode, stdout, stderr) = await BuiltCli.RunAsync("human", "serve", "--study", study, "--admin-key-file", _dir.Write("admin.key", "k3y"), "--urls", url);

        Assert.Equal(4, exitCode);
        AssertOneIOErrorNaming(stderr, url);
        Assert.DoesNotContain("   at ", stdout + stderr);
    }
}
