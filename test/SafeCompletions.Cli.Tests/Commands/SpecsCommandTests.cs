using SafeCompletions.Cli.Tests.TestDoubles;

namespace SafeCompletions.Cli.Tests.Commands;

public sealed class SpecsCommandTests
{
    [Fact]
    public async Task List_ShowsTheNineCategoriesWithTheirIdentities()
    {
        var (exitCode, output) = await CliRun.RunAsync("specs", "list");

        Assert.Equal(0, exitCode);
        Assert.All(["illicit", "biorisk", "cyber", "violence", "hate", "harassment", "sexual", "privacy", "self_harm"],
            id => Assert.Matches($@"{id}@1\+sha256:[0-9a-f]{{12}}", output));
    }

    [Fact]
    public async Task Validate_BundledSpecs_Passes()
    {
        var (exitCode, output) = await CliRun.RunAsync("specs", "validate");

        Assert.Equal(0, exitCode);
        Assert.Contains("9 spec(s) valid.", output);
    }

    [Fact]
    public async Task Validate_BrokenSpec_ExitsTwoNamingTheFile()
    {
        using var dir = new TempDirectory();
        SpecFixture.WriteTo(dir.Path, markdown: SpecFixture.Markdown().Replace("## Severity guide", "## Severity"));

        var (exitCode, output) = await CliRun.RunAsync("specs", "validate", dir.Path);

        Assert.Equal(2, exitCode);
        Assert.Contains(Path.Combine(dir.Path, "gardening.md"), output);
        Assert.Contains("section 'Severity guide'", output);
    }

    [Fact]
    public async Task Validate_YamlErrors_NameTheirLineAndColumn()
    {
        using var dir = new TempDirectory();
        SpecFixture.WriteTo(dir.Path, markdown: SpecFixture.Markdown().Replace("title: Dangerous gardening", "title: [unclosed"));
        using var other = new TempDirectory();
        SpecFixture.WriteTo(other.Path, markdown: SpecFixture.Markdown().Replace("version: 1", "version: [1, 2]"));

        var (syntaxExit, syntax) = await CliRun.RunAsync("specs", "validate", dir.Path);
        var (typeExit, type) = await CliRun.RunAsync("specs", "validate", other.Path);

        Assert.Equal((2, 2), (syntaxExit, typeExit));
        Assert.Contains($"{Path.Combine(dir.Path, "gardening.md")}:3:8: front matter: not valid YAML: a '[' or '{{' value that is never closed", syntax);
        Assert.Contains($"{Path.Combine(other.Path, "gardening.md")}:4:10: version: expected a single value (text or a number), not a list", type);
        Assert.DoesNotContain("missing", type);
    }

    [Fact]
    public async Task Validate_GoodUserSpec_CountsItWithTheBundledOnes()
    {
        using var dir = new TempDirectory();
        SpecFixture.WriteTo(dir.Path);

        var (exitCode, output) = await CliRun.RunAsync("specs", "validate", dir.Path);

        Assert.Equal(0, exitCode);
        Assert.Contains("10 spec(s) valid.", output);
    }

    [Fact]
    public async Task Show_PrintsIdentityTextAndExemplarCounts()
    {
        var (exitCode, output) = await CliRun.RunAsync("specs", "show", "self_harm");

        Assert.Equal(0, exitCode);
        Assert.Contains("self_harm@1+sha256:", output);
        Assert.Contains("## Intent exception", output);
        Assert.Contains("by mode:", output);
    }

    [Fact]
    public async Task Show_UnknownId_ExitsTwo()
    {
        var (exitCode, output) = await CliRun.RunAsync("specs", "show", "astrology");

        Assert.Equal(2, exitCode);
        Assert.Contains("no spec 'astrology'", output);
    }

    [Fact]
    public async Task UnknownCommand_ExitsTwo()
    {
        Assert.Equal(2, (await CliRun.RunAsync("frobnicate")).ExitCode);
    }
}
