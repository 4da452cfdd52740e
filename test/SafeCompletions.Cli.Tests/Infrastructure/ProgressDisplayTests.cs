using System.Text.RegularExpressions;
using SafeCompletions.Cli.Infrastructure;
using SafeCompletions.Grading;
using SafeCompletions.Runs;
using Spectre.Console.Testing;

namespace SafeCompletions.Cli.Tests.Infrastructure;

/// <summary>Progress as a log shows it: counts that only go forward, whatever order the workers report in.</summary>
public sealed partial class ProgressDisplayTests
{
    [Fact]
    public async Task Plain_CountsReportedOutOfOrder_NeverGoBackwards()
    {
        var console = new TestConsole();

        await ProgressDisplay.RunAsync(console, "grading", progress =>
        {
            foreach (var done in new[] { 0, 25, 24, 50, 49, 30, 75, 100, 99 })
            {
                progress.Report(new GradeProgress(done, 100));
            }
            return Task.FromResult(0);
        });

        var counts = Counts(console.Output);
        Assert.Equal([0, 25, 50, 75, 100], counts);
    }

    [Fact]
    public async Task Staged_CountsReportedOutOfOrder_NeverGoBackwards()
    {
        var console = new TestConsole();

        await StagedProgressDisplay.RunAsync(console, progress =>
        {
            foreach (var done in new[] { 0, 10, 9, 20, 15, 40 })
            {
                progress.Report(new StageProgress("generate m", done, 40));
            }
            return Task.FromResult(0);
        });

        var counts = Counts(console.Output);
        Assert.Equal(counts.Order(), counts);
        Assert.Equal([0, 10, 20, 40], counts);
    }

    private static List<int> Counts(string output) => [.. Count().Matches(output).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];

    [GeneratedRegex(@": (\d+)/\d+")]
    private static partial Regex Count();
}
