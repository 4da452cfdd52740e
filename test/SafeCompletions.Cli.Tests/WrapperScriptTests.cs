using System.Diagnostics;
using SafeCompletions.Cli.Tests.TestDoubles;

namespace SafeCompletions.Cli.Tests;

/// <summary>
/// The <c>./safecomp</c> wrapper at the repository root, run by bash in a scratch checkout whose <c>dotnet</c> is a
/// stand-in that logs each build and writes what an incremental MSBuild writes: the binary only when it is missing,
/// then bin and obj files (deps.json, assets) after it on every build.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class WrapperScriptTests : IDisposable
{
    private const string FakeDotnet = """
        #!/usr/bin/env bash
        # Stand-in for `dotnet build src/SafeCompletions.Cli -c Release ...`.
        project="$2"
        out="$project/bin/Release/net10.0/linux-x64"
        mkdir -p "$out" "$project/obj"
        echo build >> "$BUILD_LOG"
        sleep "${BUILD_SECONDS:-0}"
        if [ ! -x "$out/safecomp" ]; then
          printf '#!/usr/bin/env bash\necho "safecomp ran: $*"\n' > "$out/safecomp"
          chmod +x "$out/safecomp"
        fi
        echo '{}' > "$out/safecomp.deps.json"
        echo '{}' > "$out/safecomp.runtimeconfig.json"
        echo '{}' > "$project/obj/project.assets.json"
        """;

    private readonly TempDirectory _checkout = new();
    private string _buildSeconds = "0";

    public WrapperScriptTests()
    {
        File.Copy(Path.Combine(BuiltCli.RepositoryRoot(), "safecomp"), _checkout.File("safecomp"));
        _checkout.Write("src/SafeCompletions.Cli/Program.cs", "// code");
        _checkout.Write("src/SafeCompletions.Cli/SafeCompletions.Cli.csproj", "<Project />");
        _checkout.Write("specs/safety.md", "# spec");
        _checkout.Write("docs/guide.md", "# docs");
        _checkout.Write("Directory.Build.props", "<Project />");
        _checkout.Write("tools/dotnet", FakeDotnet.Replace("\r", "", StringComparison.Ordinal) + "\n");
        File.SetUnixFileMode(_checkout.File("tools/dotnet"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Backdate(_checkout.Path);
    }

    public void Dispose() => _checkout.Dispose();

    private string Binary => _checkout.File("src/SafeCompletions.Cli/bin/Release/net10.0/linux-x64/safecomp");

    private int Builds => File.Exists(_checkout.File("builds.log")) ? File.ReadAllLines(_checkout.File("builds.log")).Length : 0;

    [Fact]
    public async Task SecondCall_WithNoSourceChanged_DoesNotBuild()
    {
        Assert.Equal("safecomp ran: --version", await RunAsync("--version"));
        var builtAt = File.GetLastWriteTimeUtc(Binary);

        Assert.Equal("safecomp ran: specs list", await RunAsync("specs", "list"));
        await RunAsync("--version");

        Assert.Equal(1, Builds);
        Assert.Equal(builtAt, File.GetLastWriteTimeUtc(Binary));
    }

    [Fact]
    public async Task TwoCallsBuildingAtOnce_BothRun()
    {
        // Both find no binary and build at the same time; each must keep its own stamp and run its command.
        _buildSeconds = "1";

        var runs = await Task.WhenAll(RunAsync("--version"), RunAsync("specs", "list"));

        Assert.Equal(["safecomp ran: --version", "safecomp ran: specs list"], runs);
    }

    [Theory]
    [InlineData("src/SafeCompletions.Cli/Program.cs")]
    [InlineData("src/SafeCompletions.Cli/SafeCompletions.Cli.csproj")]
    [InlineData("specs/safety.md")]
    [InlineData("Directory.Build.props")]
    public async Task ChangedSource_BuildsOnceMore(string source)
    {
        await RunAsync("--version");

        File.SetLastWriteTimeUtc(_checkout.File(source), DateTime.UtcNow);
        await RunAsync("--version");
        await RunAsync("--version");

        Assert.Equal(2, Builds);
    }

    [Fact]
    public async Task ChangedDocs_DoNotBuild()
    {
        await RunAsync("--version");

        File.SetLastWriteTimeUtc(_checkout.File("docs/guide.md"), DateTime.UtcNow);
        await RunAsync("--version");

        Assert.Equal(1, Builds);
    }

    /// <summary>Sets every file a minute back, so that "newer than" below never depends on the clock's resolution.</summary>
    private static void Backdate(string directory)
    {
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(-1));
        }
    }

    private async Task<string> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(_checkout.File("safecomp"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["PATH"] = _checkout.File("tools") + ":" + Environment.GetEnvironmentVariable("PATH");
        start.Environment["BUILD_LOG"] = _checkout.File("builds.log");
        start.Environment["BUILD_SECONDS"] = _buildSeconds;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await stderr);
        return (await stdout).Trim();
    }
}
