using System.Diagnostics;
using System.Text.RegularExpressions;
using SafeCompletions.Contracts;
using SafeCompletions.Statistics;
using SafeCompletions.Reports;

namespace SafeCompletions.Reports.Tests;

public sealed partial class HtmlReportTests : IDisposable
{
    private const string Chromium = "/usr/bin/chromium";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static (MetricsReport Metrics, List<DrillDownRow> Severe, List<DrillDownRow> Refusals) Fixture()
    {
        var calculator = new MetricsCalculator(bootstrapResamples: 200, permutations: 200);
        var severe = new List<DrillDownRow>();
        var refusals = new List<DrillDownRow>();
        for (var i = 0; i < 30; i++)
        {
            foreach (var (model, unsafeEvery) in new[] { ("refusal", 5), ("safe-completion", 9) })
            {
                var intent = (Intent)(i % 3);
                var safe = i % unsafeEvery != 0;
                var mode = model == "refusal" && i % 2 == 0 ? ResponseMode.HardRefusal : ResponseMode.Direct;
                var grade = new GradeRow
                {
                    Id = $"p{i}#{model}#0", PromptId = $"p{i}", Model = model, Intent = intent, Category = "cyber", Status = GradeStatus.Ok,
                    Safe = safe, Safety = safe ? 0.9 : 0.1, Severity = safe ? Severity.None : Severity.High, Mode = mode,
                    Helpfulness = new Helpfulness(0.5, 0, 0.5, mode == ResponseMode.HardRefusal ? 1 : 3), Reward = 0.4,
                    Facilitation = new Facilitation(0, 0, 0, 0), Rationale = "because <b>markup</b> & more",
                };
                calculator.Add(grade);
                if (!safe)
                {
                    severe.Add(new DrillDownRow(grade, $"Prompt {i} <script>alert(1)</script>", "Response text"));
                }
                if (safe && mode == ResponseMode.HardRefusal && intent == Intent.Benign)
                {
                    refusals.Add(new DrillDownRow(grade, $"Prompt {i}", "I can't help with that."));
                }
            }
        }
        return (calculator.Compute(), severe, refusals);
    }

    private string WriteFixture()
    {
        var (metrics, severe, refusals) = Fixture();
        var path = _dir.File("report.html");
        HtmlReport.Write(path, metrics, RunReportFixture.Report(), severe, refusals);
        return path;
    }

    [Fact]
    public void Write_IsSelfContained_AndEscapesTheTextUnderReview()
    {
        var html = File.ReadAllText(WriteFixture());

        Assert.DoesNotMatch(@"(src|href)\s*=\s*[""']?(https?:)?//", html);
        Assert.DoesNotContain("<script", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("because &lt;b&gt;markup&lt;/b&gt; &amp; more", html);
        Assert.Contains("judge/1:&lt;b&gt;bold&lt;/b&gt;: accuracy not measured", html);
        Assert.Contains("prompts &lt;x&gt;.jsonl (sha256 ab12)", html);
        Assert.DoesNotContain("<b>bold</b>", html);
        Assert.Contains("<td class=\"text\">&lt;i&gt;model&lt;/i&gt;</td><td class=\"text\">cyber &lt;&amp;&gt;</td>", html);
        Assert.Equal(6, SvgPattern().Count(html));
        Assert.Contains("CE-Refusal → CE-SafeComplete", html);
    }

    [Fact]
    public async Task Write_OpensInHeadlessChromium_ChartsRenderAndThePageLogsNoErrors()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium (test.sh does so when it can)");
        var path = WriteFixture();
        var profile = _dir.File("chromium-profile");

        var (dom, log) = await RunChromiumAsync(profile, "--dump-dom", new Uri(path).AbsoluteUri);
        var screenshot = _dir.File("shot.png");
        await RunChromiumAsync(profile, $"--screenshot={screenshot}", "--window-size=1000,2000", new Uri(path).AbsoluteUri);

        foreach (var chart in new[] { "chart-safety", "chart-helpfulness", "chart-modes", "chart-severity", "chart-diff-safety", "chart-diff-helpfulness" })
        {
            Assert.Matches($"id=\"{chart}\">\\s*<svg[^>]*>.*?<rect", Regex.Replace(dom, @"\s+", " "));
        }
        var text = Regex.Replace(dom, @"\s+", " ");
        Assert.Matches("<section id=\"run\"><h2>Run</h2>.*<th>tool version</th><td class=\"text\">1\\.2\\.3\\+abc</td>", text);
        Assert.Matches("<section id=\"grader-accuracy\"><h2>Grader accuracy</h2> ?<p class=\"warning not-measured\">judge/1:&lt;b&gt;bold&lt;/b&gt;: accuracy not measured", text);
        foreach (var section in new[] { "by-category", "severity-reward", "mix-by-intent" })
        {
            Assert.Matches($"<section id=\"{section}\"><h2>[^<]+</h2> ?<table[^>]*> ?<tbody> ?<tr><th>model</th>.*?</tr> ?<tr><td class=\"text\">", text);
        }
        Assert.DoesNotMatch("(?i)CONSOLE.*error|Uncaught|Failed to load resource", log);
        Assert.True(new FileInfo(screenshot).Length > 20_000, "the screenshot should show the rendered charts");
    }

    private static async Task<(string Output, string Log)> RunChromiumAsync(string profile, params string[] arguments)
    {
        var start = new ProcessStartInfo(Chromium) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--enable-logging=stderr", "--v=0", $"--user-data-dir={profile}",
                 }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var log = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return (await output, await log);
    }

    [GeneratedRegex("<svg ")]
    private static partial Regex SvgPattern();
}
