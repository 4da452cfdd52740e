using SafeCompletions.Tests.TestDoubles;

namespace SafeCompletions.Tests.Cli;

/// <summary><c>safecomp serve</c> refuses bad options with exit 2 and a clear message, before loading any grader.</summary>
public sealed class ServeCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("not-a-url", "is not an address")]
    [InlineData("https://127.0.0.1:8443", "plain http")]
    [InlineData("http://127.0.0.1", "no port")]
    [InlineData("http://0.0.0.0:8080", "--api-key-file")]
    public async Task Serve_BadUrls_Exits2NamingTheProblem(string urls, string message)
    {
        var (exitCode, output) = await CliRun.RunAsync("serve", "--urls", urls);

        Assert.Equal(2, exitCode);
        Assert.Contains(message, output);
    }

    [Fact]
    public async Task Serve_MissingKeyFile_Exits2NamingTheFile()
    {
        var missing = _dir.File("no-such.key");

        var (exitCode, output) = await CliRun.RunAsync("serve", "--api-key-file", missing);

        Assert.Equal(2, exitCode);
        Assert.Contains("--api-key-file", output);
        Assert.Contains("no such file", output);
    }

    [Fact]
    public async Task Serve_EmptyKeyFile_Exits2()
    {
        var (exitCode, output) = await CliRun.RunAsync("serve", "--api-key-file", _dir.Write("empty.key", "\n"));

        Assert.Equal(2, exitCode);
        Assert.Contains("must hold one key", output);
    }

    [Theory]
    [InlineData("--max-items", "0", "--max-items")]
    [InlineData("--max-body-bytes", "10", "--max-body-bytes")]
    [InlineData("--request-timeout", "0", "--request-timeout")]
    [InlineData("--grader", "magic", "--grader")]
    public async Task Serve_BadLimit_Exits2(string option, string value, string message)
    {
        var (exitCode, output) = await CliRun.RunAsync("serve", "--urls", "http://127.0.0.1:0", option, value);

        Assert.Equal(2, exitCode);
        Assert.Contains(message, output);
    }
}
