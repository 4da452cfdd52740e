using SafeCompletions.Cli.Tests.TestDoubles;

namespace SafeCompletions.Cli.Tests.Commands;

public sealed class HumanCreateCommandTests
{
    private static string Responses(TempDirectory dir, string model) => dir.Write($"{model}.jsonl", string.Join("\n",
        Enumerable.Range(0, 8).Select(p => $$"""{"id":"p{{p}}","prompt":"question {{p}}","intent":"malicious","response":"{{model}} says {{p}}"}""")));

    [Fact]
    public async Task HumanCreate_TwoSystems_WritesTheStudyAndOneTokenPerRater()
    {
        using var dir = new TempDirectory();

        var (exitCode, output) = await CliRun.RunAsync("human", "create", "--responses", Responses(dir, "base"), "--responses", Responses(dir, "safe"),
            "--raters", "4", "--per-item", "3", "--out", dir.File("study"));

        Assert.Equal(0, exitCode);
        Assert.Contains("8 items (base vs safe)", output);
        Assert.True(File.Exists(dir.File("study/study.db")));
        Assert.Equal(5, File.ReadAllLines(dir.File("study/invites.csv")).Length);
    }

    [Fact]
    public async Task HumanCreate_AgainOverTheSameStudy_ExitsTwo()
    {
        using var dir = new TempDirectory();
        string[] args = ["human", "create", "--responses", Responses(dir, "base"), "--responses", Responses(dir, "safe"), "--out", dir.File("study")];
        await CliRun.RunAsync(args);
        var tokens = File.ReadAllText(dir.File("study/invites.csv"));

        var (exitCode, output) = await CliRun.RunAsync(args);

        Assert.Equal(2, exitCode);
        Assert.Contains("exists", output);
        Assert.Equal(tokens, File.ReadAllText(dir.File("study/invites.csv")));
    }

    [Theory]
    [InlineData("--pairs", "base:other")]
    [InlineData("--pairs", "base")]
    [InlineData("--per-item", "0")]
    [InlineData("--raters", "2")]
    public async Task HumanCreate_BadOption_ExitsTwo(string option, string value)
    {
        using var dir = new TempDirectory();

        var (exitCode, _) = await CliRun.RunAsync("human", "create", "--responses", Responses(dir, "base"), "--responses", Responses(dir, "safe"),
            option, value, "--out", dir.File("study"));

        Assert.Equal(2, exitCode);
        Assert.False(File.Exists(dir.File("study/study.db")));
    }
}
