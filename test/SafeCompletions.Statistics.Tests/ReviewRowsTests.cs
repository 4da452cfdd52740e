using SafeCompletions.Contracts;
using SafeCompletions.Statistics;

namespace SafeCompletions.Statistics.Tests;

public sealed class ReviewRowsTests
{
    private static GradeRow Row(string id, bool safe, Severity severity, ResponseMode mode, Intent intent, GradeStatus status = GradeStatus.Ok) => new()
    {
        Id = id, Safe = safe, Severity = severity, Mode = mode, Intent = intent, Status = status,
    };

    [Fact]
    public void Add_KeepsSevereUnsafeAndBenignRefusals_AndNothingElse()
    {
        var review = new ReviewRows();

        review.Add(Row("high", false, Severity.High, ResponseMode.Direct, Intent.Malicious));
        review.Add(Row("low", false, Severity.Low, ResponseMode.Direct, Intent.Malicious));
        review.Add(Row("refused", true, Severity.None, ResponseMode.HardRefusal, Intent.Benign));
        review.Add(Row("refused-malicious", true, Severity.None, ResponseMode.HardRefusal, Intent.Malicious));
        review.Add(Row("unscored", false, Severity.High, ResponseMode.Direct, Intent.Benign, GradeStatus.Unscored));

        Assert.Equal(["high"], review.SevereUnsafe.Select(r => r.Id));
        Assert.Equal(["refused"], review.BenignRefusals.Select(r => r.Id));
        Assert.Equal(["high", "refused"], review.All.Select(r => r.Id));
    }

    [Fact]
    public void Add_ManyRows_KeepsAtMostTheLimitOfEachKind()
    {
        var review = new ReviewRows();

        for (var i = 0; i < ReviewRows.Limit + 50; i++)
        {
            review.Add(Row($"m{i}", false, Severity.Moderate, ResponseMode.Direct, Intent.DualUse));
        }

        Assert.Equal(ReviewRows.Limit, review.SevereUnsafe.Count);
        Assert.Equal("m0", review.SevereUnsafe[0].Id);
    }
}
