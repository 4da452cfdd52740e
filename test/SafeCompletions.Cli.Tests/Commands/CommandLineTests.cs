using SafeCompletions.Cli.Tests.TestDoubles;

namespace SafeCompletions.Cli.Tests.Commands;

/// <summary>What every command shares: strict options with a suggestion, a version, and the documented exit codes for usage.</summary>
public sealed class CommandLineTests
{
    [Theory]
    [InlineData("--judeg", "--judge", "grade", "--in", "r.jsonl", "--out", "g.jsonl")]
    [InlineData("--weigths", "--weights", "grade", "--in", "r.jsonl", "--out", "g.jsonl")]
    [InlineData("--sample", "--samples", "eval")]
    [InlineData("--candidate", "--candidates", "sft", "--prompts", "p.jsonl")]
    public async Task MisspelledOption_ExitsTwoSuggestingTheOption(string typo, string meant, params string[] command)
    {
        var (exitCode, output) = await CliRun.RunAsync([.. command, typo, "x"]);

        Assert.Equal(2, exitCode);
        Assert.Contains($"unknown option {typo}", output);
        Assert.Contains($"did you mean {meant}?", output);
    }

    [Fact]
    public async Task UnknownOption_WithNothingClose_ExitsTwoWithoutAGuess()
    {
        var (exitCode, output) = await CliRun.RunAsync("specs", "list", "--bogus");

        Assert.Equal(2, exitCode);
        Assert.Contains("unknown option --bogus", output);
        Assert.DoesNotContain("did you mean", output);
    }

    [Fact]
    public async Task UnknownFlagWithoutValue_ExitsTwo()
    {
        var (exitCode, _) = await CliRun.RunAsync("report", "--grades", "g.jsonl", "--verbose");

        Assert.Equal(2, exitCode);
    }

    [Fact]
    public async Task Version_PrintsTheToolsVersion()
    {
        var (exitCode, output) = await CliRun.RunAsync("--version");

        Assert.Equal(0, exitCode);
        Assert.Equal(SafecompApp.Version, output.Trim());
        Assert.Matches(@"^\d+\.\d+\.\d+", output.Trim());
    }

    [Theory]
    [InlineData("specs")]
    [InlineData("grader")]
    public async Task BranchWithoutSubcommand_ExitsTwo(string branch)
    {
        var (exitCode, output) = await CliRun.RunAsync(branch);

        Assert.Equal(2, exitCode);
        Assert.Contains($"safecomp {branch} needs a subcommand", output);
    }
}
