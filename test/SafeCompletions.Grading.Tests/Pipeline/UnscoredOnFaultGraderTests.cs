using SafeCompletions.Contracts;
using SafeCompletions.Grading;

namespace SafeCompletions.Grading.Tests.Pipeline;

public sealed class UnscoredOnFaultGraderTests
{
    private static readonly GradeRequest Request = new([new ChatTurn("user", "q")], "fine", "cyber");

    [Fact]
    public async Task GradeAsync_GraderThrows_UnscoredWithTypeAndMessage()
    {
        var grader = new FakeGrader { OnGrade = (_, _) => throw new InvalidOperationException("boom") }.AsBuilder().UseUnscoredOnFault().Build();

        var grade = await grader.GradeAsync(Request);

        Assert.Equal(GradeStatus.Unscored, grade.Status);
        Assert.Equal("grader failed: InvalidOperationException: boom", grade.Error);
        Assert.Equal("cyber", grade.Category);
    }

    [Fact]
    public async Task GradeAsync_CallerCancels_Propagates()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var grader = new FakeGrader { OnGrade = (_, token) => Task.FromCanceled<Grade>(token) }.AsBuilder().UseUnscoredOnFault().Build();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => grader.GradeAsync(Request, cancelled.Token));
    }

    [Fact]
    public async Task GradeBatchAsync_OneRequestThrows_OnlyThatOneIsUnscored()
    {
        var grader = new FakeGrader
        {
            OnGrade = (r, _) => r.Response == "bad" ? throw new InvalidOperationException("kaput") : Task.FromResult(FakeGrader.Scored(r)),
        }.AsBuilder().UseUnscoredOnFault().Build();

        var grades = await grader.GradeBatchAsync([Request, Request with { Response = "bad" }, Request]);

        Assert.Equal([GradeStatus.Ok, GradeStatus.Unscored, GradeStatus.Ok], grades.Select(g => g.Status));
        Assert.Contains("kaput", grades[1].Error);
    }
}
