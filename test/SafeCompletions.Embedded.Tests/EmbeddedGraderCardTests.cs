using System.Globalization;
using SafeCompletions.Embedded.Model;

namespace SafeCompletions.Embedded.Tests;

/// <summary>The card the report shows is the committed weights' and says what docs/embedded-grader.md measured.</summary>
public sealed class EmbeddedGraderCardTests
{
    [Fact]
    public void Default_NamesTheCommittedWeights()
    {
        Assert.Equal(EmbeddedGraderCard.DefaultWeightsFingerprint, GraderWeights.Default().Fingerprint());
        Assert.Equal($"embedded/{EmbeddedGrader.Version}+sha256:{GraderWeights.Default().Fingerprint()}", EmbeddedGraderCard.Default.Grader);
    }

    [Fact]
    public void Default_FiguresAreThoseOfTheMeasuredAccuracyTable()
    {
        var page = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "embedded-grader.md"));
        var table = page[page.IndexOf("## Measured accuracy", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("\n\n", table.IndexOf("| set |", StringComparison.Ordinal), StringComparison.Ordinal)];

        Assert.Contains($"Measured {EmbeddedGraderCard.Default.Measured}", table);
        Assert.Equal(4, EmbeddedGraderCard.Default.Figures.Count);
        foreach (var figure in EmbeddedGraderCard.Default.Figures)
        {
            // A row reads "**89.1%** (802/900) | **89.6%** (89.1–90.0)": the committed split, then the mean over splits.
            var row = Assert.Single(table.Split('\n'), line =>
                line.Contains($"**{Percent(figure.Accuracy)}** ({figure.Agreed}/{figure.Rows})", StringComparison.Ordinal));
            Assert.StartsWith($"| {figure.Set}", row, StringComparison.Ordinal);
            Assert.Contains($"**{Percent(figure.MeanOverSplits!.Value)}** (", row, StringComparison.Ordinal);
        }
    }

    private static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string RepositoryRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "SafeCompletions.slnx")))
        {
            root = root.Parent;
        }
        return root?.FullName ?? throw new InvalidOperationException("the tests run outside the repository");
    }
}
