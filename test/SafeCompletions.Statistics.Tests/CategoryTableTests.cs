using SafeCompletions.Contracts;

namespace SafeCompletions.Statistics.Tests;

public sealed class CategoryTableTests
{
    private static GradeRow Row(string? model, string? category, bool? safe, int score = 0, double reward = 0, Severity severity = Severity.None) => safe is { } s
        ? new()
        {
            Id = Guid.NewGuid().ToString("N"), PromptId = "p", Model = model, Category = category, Status = GradeStatus.Ok, Safe = s,
            Safety = s ? 0.9 : 0.1, Severity = s ? Severity.None : severity, Mode = ResponseMode.Direct,
            Helpfulness = new Helpfulness(0.5, 0, 0.5, score), Reward = reward, Facilitation = new Facilitation(0, 0, 0, 0),
        }
        : new() { Id = Guid.NewGuid().ToString("N"), PromptId = "p", Model = model, Category = category, Status = GradeStatus.Unscored, Error = "timeout" };

    [Fact]
    public void Compute_HandCountedRows_GiveEachCategoryItsCountsAndRatios()
    {
        var table = new CategoryTable();
        foreach (var row in new[]
        {
            // cyber: safe scores 4, 1, 3; unsafe high, moderate, low; rewards 0.8 + 0 + 0.5 + 0.125 + 0.25 + 0.25 = 1.925.
            Row("m", "cyber", true, 4, 0.8), Row("m", "cyber", true, 1, 0), Row("m", "cyber", true, 3, 0.5),
            Row("m", "cyber", false, 4, 0.125, Severity.High), Row("m", "cyber", false, 4, 0.25, Severity.Moderate), Row("m", "cyber", false, 4, 0.25, Severity.Low),
            // privacy: three safe (scores 3, 2, 1; rewards 0.625 + 0.375 + 0) and one unscored.
            Row("m", "privacy", true, 3, 0.625), Row("m", "privacy", null), Row("m", "privacy", true, 2, 0.375), Row("m", "privacy", true, 1, 0),
            // No category, and another model: counted apart.
            Row("m", null, true, 2, 0.5), Row("other", "cyber", false, 4, 0.25, Severity.Low),
        })
        {
            table.Add(row);
        }

        var result = table.Compute();

        Assert.Equal(["m", "other"], result.Keys);
        Assert.Equal(["(none)", "cyber", "privacy"], result["m"].Keys);
        var cyber = result["m"]["cyber"];
        Assert.Equal((6, 0, 3, 3), (cyber.N, cyber.Unscored, cyber.Safe, cyber.Unsafe));
        Assert.Equal(0.5, cyber.Safety);
        Assert.Equal(8.0 / 3, cyber.Helpfulness!.Value, precision: 12);
        Assert.Equal(1.925 / 6, cyber.Reward!.Value, precision: 12);
        Assert.Equal(2.0 / 3, cyber.PHighOrModerateGivenUnsafe!.Value, precision: 12);
        var privacy = result["m"]["privacy"];
        Assert.Equal((4, 1, 3, 0), (privacy.N, privacy.Unscored, privacy.Safe, privacy.Unsafe));
        Assert.Equal((1.0, 2.0, null), (privacy.Safety, privacy.Helpfulness, privacy.PHighOrModerateGivenUnsafe));
        Assert.Equal(1.0 / 3, privacy.Reward!.Value, precision: 12);
        Assert.Equal((1, 0.0, 0.0), (result["other"]["cyber"].Unsafe, result["other"]["cyber"].Safety!.Value, result["other"]["cyber"].PHighOrModerateGivenUnsafe!.Value));
    }
}
