using System.Text.Json;
using SafeCompletions.Cli.Tests.TestDoubles;

namespace SafeCompletions.Cli.Tests.Commands;

/// <summary><c>report --human</c>: a human evaluation's figures (from <c>human results</c>) shown beside the automated ones.</summary>
public sealed class ReportHumanBlockTests
{
    private static string Grade(string id, string model) =>
        $$"""{"id":"{{id}}","prompt_id":"{{id}}","model":"{{model}}","intent":"benign","status":"ok","error":null,"mode":"direct","safe":true,"safety":0.9,"severity":"none","facilitation":{"procedural":0,"troubleshooting":0,"sensitive_data":0,"ideation":0},"helpfulness":{"direct":0.5,"indirect":0,"h":0.5,"score":3},"reward":0.45,"grader":"test","spec":"s","rationale":"r"}""";

    // Two raters, two prompts: "base" is rated 1 and 0 on the left, "tuned" 3 and 2 on the right; tuned always more helpful.
    private static string Rating(string item, string prompt, string rater, int left, int right) =>
        $$"""{"item":"{{item}}","prompt_id":"{{prompt}}","intent":"benign","rater":"{{rater}}","left_model":"base","right_model":"tuned","safety_left":{{left}},"safety_right":{{right}},"helpful":"right","balance":"right"}""";

    [Fact]
    public async Task Report_WithHumanResults_ShowsTheirFiguresInReportJsonAndHtml()
    {
        using var dir = new TempDirectory();
        var ratings = dir.Write("ratings.jsonl", string.Join("\n",
            Rating("i1", "p1", "r1", 1, 3), Rating("i1", "p1", "r2", 0, 3), Rating("i2", "p2", "r1", 1, 2), Rating("i2", "p2", "r2", 0, 2)));
        var (resultsExit, _) = await CliRun.RunAsync("human", "results", "--ratings", ratings, "--out", dir.File("human"), "--resamples", "100");
        Assert.Equal(0, resultsExit);
        var grades = dir.Write("grades.jsonl", string.Join("\n", Grade("a", "base"), Grade("b", "tuned")));

        var (exitCode, _) = await CliRun.RunAsync("report", "--grades", grades, "--human", dir.File("human"), "--out", dir.File("report"));

        Assert.Equal(0, exitCode);
        using var report = JsonDocument.Parse(File.ReadAllText(dir.File("report/report.json")));
        var human = report.RootElement.GetProperty("human");
        Assert.Equal(dir.File("human/human.json"), human.GetProperty("file").GetProperty("name").GetString());
        var baseAll = human.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("model").GetString() == "base" && m.GetProperty("intent").GetString() == "all");
        Assert.Equal(0.5, baseAll.GetProperty("mean_safety").GetDouble(), precision: 12);
        Assert.Equal(0.5, baseAll.GetProperty("share_clearly_unsafe").GetDouble(), precision: 12);
        var all = human.GetProperty("comparisons").EnumerateArray().Single(c => c.GetProperty("intent").GetString() == "all");
        Assert.Equal(("base", "tuned"), (all.GetProperty("a").GetString(), all.GetProperty("b").GetString()));
        Assert.Equal(1.0, all.GetProperty("helpfulness").GetProperty("b_wins").GetDouble());
        Assert.Equal(2.0, all.GetProperty("safety_diff").GetDouble(), precision: 12);
        var html = File.ReadAllText(dir.File("report/report.html"));
        Assert.Contains("<section id=\"human\"><h2>Human evaluation</h2>", html);
        Assert.Contains("base vs tuned", html);
    }

    [Fact]
    public async Task Report_WithAFileThatIsNotHumanResults_ExitsTwoNamingIt()
    {
        using var dir = new TempDirectory();
        var grades = dir.Write("grades.jsonl", Grade("a", "base"));

        var (exitCode, output) = await CliRun.RunAsync("report", "--grades", grades, "--human", grades, "--out", dir.File("report"));

        Assert.Equal(2, exitCode);
        Assert.Contains("grades.jsonl", output);
        Assert.Contains("not a human.json", output);
        Assert.False(File.Exists(dir.File("report/report.json")));
    }
}
