using SafeCompletions.Human.Results;

namespace SafeCompletions.Human.Tests.Results;

public sealed class HumanHtmlTests
{
    [Fact]
    public void Render_ShowsThePapersFiguresAndEncodesNames()
    {
        var ratings = Enumerable.Range(0, 4).Select(i =>
            HumanResultsTests.Rating($"i{i}", $"p{i}", "r1", i % 2 == 0, 1, 3, 'b', 'b', a: "<script>x</script>", b: "safe-model")).ToList();

        var html = HumanHtml.Render(HumanResults.Compute(ratings, new HumanResultsOptions { Resamples = 200 }));

        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;x&lt;/script&gt; vs safe-model", html);
        Assert.Contains("<table id=\"safety\">", html);
        Assert.Contains("0.0% / 100.0% / 0.0%", html);
        Assert.DoesNotContain("http", html.Replace("<!DOCTYPE html>", ""));
    }
}
