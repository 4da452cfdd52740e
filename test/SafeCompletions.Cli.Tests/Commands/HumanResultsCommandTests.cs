using System.Text.Json;
using SafeCompletions.Cli.Tests.TestDoubles;

namespace SafeCompletions.Cli.Tests.Commands;

public sealed class HumanResultsCommandTests
{
    private static string Row(string item, string rater, string left, int safetyLeft, int safetyRight, string helpful) =>
        $$"""{"item":"{{item}}","prompt_id":"p-{{item}}","intent":"malicious","rater":"{{rater}}","left_model":"{{left}}","right_model":"{{(left == "a" ? "b" : "a")}}","safety_left":{{safetyLeft}},"safety_right":{{safetyRight}},"helpful":"{{helpful}}","balance":"tie"}""";

    [Fact]
    public async Task HumanResults_RatingsFile_WritesHumanJsonAndHtml()
    {
        using var dir = new TempDirectory();
        var ratings = dir.Write("ratings.jsonl", string.Join("\n",
            Row("i1", "r1", "a", 1, 3, "right"), Row("i1", "r2", "b", 3, 2, "left"), Row("i2", "r1", "b", 2, 0, "left")));

        var (exitCode, output) = await CliRun.RunAsync("human", "results", "--ratings", ratings, "--out", dir.File("out"), "--resamples", "200");

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(File.ReadAllText(dir.File("out/human.json")));
        Assert.Equal(1.0, json.RootElement.GetProperty("models").GetProperty("a").GetProperty("malicious").GetProperty("mean_safety").GetDouble());
        Assert.True(File.Exists(dir.File("out/human.html")));
        Assert.Contains("a vs b", output);
    }

    [Fact]
    public async Task HumanResults_MalformedRow_ExitsTwoNamingLineAndField()
    {
        using var dir = new TempDirectory();
        var ratings = dir.Write("ratings.jsonl", Row("i1", "r1", "a", 1, 3, "right") + "\n" + Row("i2", "r1", "a", 1, 7, "right"));

        var (exitCode, output) = await CliRun.RunAsync("human", "results", "--ratings", ratings, "--out", dir.File("out"));

        Assert.Equal(2, exitCode);
        Assert.Contains("ratings.jsonl:2: field 'safety_right'", output.Replace("\n", ""));
    }

    [Theory]
    [InlineData("--resamples", "5")]
    [InlineData("--min-gold-accuracy", "2")]
    public async Task HumanResults_BadFlag_ExitsTwo(params string[] extra)
    {
        using var dir = new TempDirectory();
        var ratings = dir.Write("ratings.jsonl", Row("i1", "r1", "a", 1, 3, "right"));

        var (exitCode, _) = await CliRun.RunAsync(["human", "results", "--ratings", ratings, "--out", dir.File("out"), .. extra]);

        Assert.Equal(2, exitCode);
    }
}
