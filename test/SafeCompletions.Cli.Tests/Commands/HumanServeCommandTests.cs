using SafeCompletions.Cli.Tests.TestDoubles;

namespace SafeCompletions.Cli.Tests.Commands;

/// <summary><c>human serve</c>'s exit codes for what a user gets wrong before anything is served: each is 2 with a message that says what to give.</summary>
public sealed class HumanServeCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private async Task<string> StudyAsync()
    {
        string Side(string model) => _dir.Write($"{model}.jsonl", string.Join("\n",
            Enumerable.Range(0, 4).Select(p => $$"""{"id":"p{{p}}","prompt":"question {{p}}","intent":"benign","response":"{{model}} says {{p}}"}""")));
        var study = _dir.File("study");
        Assert.Equal(0, (await CliRun.RunAsync("human", "create", "--responses", Side("base"), "--responses", Side("safe"), "--out", study)).ExitCode);
        return study;
    }

    [Fact]
    public async Task Serve_WithoutAnAdminKeyFile_Exits2SayingSo()
    {
        var (exitCode, output) = await CliRun.RunAsync("human", "serve", "--study", await StudyAsync());

        Assert.Equal(2, exitCode);
        Assert.Contains("needs --admin-key-file", output);
    }

    [Fact]
    public async Task Serve_WithoutAStudy_Exits2NamingTheDirectory()
    {
        var missing = _dir.File("no-study");

        var (exitCode, output) = await CliRun.RunAsync("human", "serve", "--study", missing, "--admin-key-file", _dir.Write("admin.key", "k3y"));

        Assert.Equal(2, exitCode);
        Assert.Contains(missing, output);
        Assert.Contains("human create", output);
    }

    [Theory]
    [InlineData("", "must hold one key")]
    [InlineData("two words", "must hold one key")]
    public async Task Serve_WithAnUnusableKeyFile_Exits2NamingIt(string key, string message)
    {
        var keyFile = _dir.Write("admin.key", key);

        var (exitCode, output) = await CliRun.RunAsync("human", "serve", "--study", await StudyAsync(), "--admin-key-file", keyFile);

        Assert.Equal(2, exitCode);
        Assert.Contains(keyFile, output);
        Assert.Contains(message, output);
    }

    [Fact]
    public async Task Serve_OnANonLoopbackAddressWithoutAllowRemote_Exits2()
    {
        var (exitCode, output) = await CliRun.RunAsync("human", "serve", "--study", await StudyAsync(), "--admin-key-file", _dir.Write("admin.key", "k3y"),
            "--urls", "http://0.0.0.0:8097");

        Assert.Equal(2, exitCode);
        Assert.Contains("--allow-remote", output);
    }
}
