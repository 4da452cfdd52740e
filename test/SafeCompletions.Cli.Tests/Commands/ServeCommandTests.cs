using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using SafeCompletions.Cli;
using SafeCompletions.Cli.Tests.TestDoubles;
using Spectre.Console.Testing;

namespace SafeCompletions.Cli.Tests.Commands;

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
    [InlineData("--unscored-reward", "2", "--unscored-reward must be a number from -1 to 1")]
    [InlineData("--unscored-reward", "NaN", "--unscored-reward")]
    public async Task Serve_BadLimit_Exits2(string option, string value, string message)
    {
        var (exitCode, output) = await CliRun.RunAsync("serve", "--urls", "http://127.0.0.1:0", option, value);

        Assert.Equal(2, exitCode);
        Assert.Contains(message, output);
    }

    [Fact]
    public async Task Serve_WithKeyFile_ServesWithTheKeyOnly_NeverPrintsIt_AndStopsCleanly()
    {
        const string key = "sk-serve-cli-5d1e0b";
        var console = new TestConsole();
        console.Profile.Width = 400;
        using var stop = new CancellationTokenSource();
        // The LLM grader loads nothing up front, so the command starts at once; no request here reaches the judge.
        var run = SafecompApp.RunAsync(
            ["serve", "--urls", "http://127.0.0.1:0", "--api-key-file", _dir.Write("rm.key", key + "\n"),
             "--grader", "llm", "--judge", "openai:never-called@http://127.0.0.1:9/v1", "--no-cache"], console, stop.Token);
        var url = await ServedUrlAsync(console, run);
        using var http = new HttpClient { BaseAddress = new Uri(url) };

        var health = await http.GetAsync("/healthz");
        var withoutKey = await http.PostAsync("/v1/rewards", new StringContent("{\"items\":[]}"));
        using var withKey = new HttpRequestMessage(HttpMethod.Post, "/v1/rewards") { Content = new StringContent("{\"items\":[]}") };
        withKey.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var served = await http.SendAsync(withKey);
        await stop.CancelAsync();
        var exitCode = await run.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(0, exitCode);
        Assert.Contains("API key: required", console.Output);
        Assert.DoesNotContain(key, console.Output);
    }

    private static async Task<string> ServedUrlAsync(TestConsole console, Task<int> run)
    {
        for (var waited = 0; waited < 600; waited++)
        {
            if (Regex.Match(console.Output, @" on (http://127\.0\.0\.1:\d+)") is { Success: true } match)
            {
                return match.Groups[1].Value;
            }
            if (run.IsCompleted)
            {
                throw new InvalidOperationException($"serve exited with {await run}: {console.Output}");
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"serve printed no address: {console.Output}");
    }
}
