using SafeCompletions.Embedded.Features;
using SafeCompletions.Embedded.Fitting;

namespace SafeCompletions.Embedded.Tests.Fitting;

public sealed class LogisticFitterTests
{
    private static readonly string[] Classes = ["safe", "unsafe"];

    /// <summary>Rows whose dense features are all alike: only the words tell the classes apart.</summary>
    private static (List<FeatureRow> Rows, List<int> Labels, Lexicon Lexicon) WordsOnly()
    {
        var texts = new[] { "water the garden daily", "prune the garden roses", "add poison to the drink", "hide the poison well" };
        var lexicon = Lexicon.Build([.. texts.Select(Terms.Count)], minDocuments: 1);
        var rows = texts.Select(t => Row(lexicon, t)).ToList();
        return (rows, [0, 0, 1, 1], lexicon);
    }

    private static FeatureRow Row(Lexicon lexicon, string text)
    {
        var (indices, values) = lexicon.Vector(Terms.Count(text));
        return new FeatureRow([1.0, 0.5], indices, values);
    }

    [Fact]
    public void Fit_LearnsFromTheWordBlock_WhenTheDenseFeaturesCannotTell()
    {
        var (rows, labels, lexicon) = WordsOnly();

        var head = LogisticFitter.Fit(rows, labels, Classes, lexicon.Words.Count, l2: 0.01, epochs: 200);

        Assert.True(head.Predict(Row(lexicon, "the poison"))[1] > 0.7);
        Assert.True(head.Predict(Row(lexicon, "the garden"))[0] > 0.7);
    }

    [Fact]
    public void Fit_WithoutTheWordBlock_CannotTellTheRowsApart()
    {
        var (rows, labels, _) = WordsOnly();
        var denseOnly = rows.Select(r => new FeatureRow(r.Dense, [], [])).ToList();

        var head = LogisticFitter.Fit(denseOnly, labels, Classes, words: 0, l2: 0.01, epochs: 200);

        Assert.Equal(0.5, head.Predict(denseOnly[2])[1], precision: 6);
    }

    [Fact]
    public void Fit_IsDeterministic()
    {
        var (rows, labels, lexicon) = WordsOnly();

        var first = LogisticFitter.Fit(rows, labels, Classes, lexicon.Words.Count, l2: 0.01, epochs: 50);
        var second = LogisticFitter.Fit(rows, labels, Classes, lexicon.Words.Count, l2: 0.01, epochs: 50);

        Assert.Equal(first.Weights[1], second.Weights[1]);
    }
}
