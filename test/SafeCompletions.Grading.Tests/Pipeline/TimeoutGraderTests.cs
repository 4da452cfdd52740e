using Microsoft.Extensions.Time.Testing;
using SafeCompletions.Contracts;
using SafeCompletions.Grading;

namespace SafeCompletions.Grading.Tests.Pipeline;

public sealed class TimeoutGraderTests
{
    private static readonly GradeRequest Request = new([new ChatTurn("user", "q")], "fine", "cyber");

    [Fact]
    public async Task GradeAsync_GraderTooSlow_UnscoredWithTheReason()
    {
        var time = new FakeTimeProvider();
        var grader = new FakeGrader { OnGrade = (_, token) => Task.Delay(Timeout.Infinite, token).ContinueWith(_ => FakeGrader.Scored(Request), TaskScheduler.Default) }
            .AsBuilder().UseTimeout(TimeSpan.FromSeconds(5), time: time).Build();

        var pending = grader.GradeAsync(Request);
        time.Advance(TimeSpan.FromSeconds(5));
        var grade = await pending;

        Assert.Equal(GradeStatus.Unscored, grade.Status);
        Assert.Equal("timeout: not graded within 5 s", grade.Error);
    }

    [Fact]
    public async Task GradeAsync_GraderIgnoresCancellation_StillAnsweredAtTheDeadline()
    {
        var time = new FakeTimeProvider();
        var never = new TaskCompletionSource<Grade>();
        var grader = new FakeGrader { OnGrade = (_, _) => never.Task }
            .AsBuilder().UseTimeout(TimeSpan.FromSeconds(1), t => $"too slow: {t.TotalSeconds} s", time).Build();

        var pending = grader.GradeAsync(Request);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("too slow: 1 s", (await pending).Error);
    }

    [Fact]
    public async Task GradeBatchAsync_GraderWithoutBatching_KeepsTheGradesDoneByTheDeadline()
    {
        var time = new FakeTimeProvider();
        var grader = new FakeGrader
        {
            OnGrade = (r, token) => r.Response == "slow" ? new TaskCompletionSource<Grade>().Task.WaitAsync(token) : Task.FromResult(FakeGrader.Scored(r)),
        }.AsBuilder().UseTimeout(TimeSpan.FromSeconds(2), time: time).Build();

        var pending = grader.GradeBatchAsync([Request, Request with { Response = "slow" }]);
        time.Advance(TimeSpan.FromSeconds(2));
        var grades = await pending;

        Assert.Equal(GradeStatus.Ok, grades[0].Status);
        Assert.StartsWith("timeout", grades[1].Error);
    }

    [Fact]
    public async Task GradeBatchAsync_CallerCancels_Propagates()
    {
        using var cancelled = new CancellationTokenSource();
        var grader = new FakeGrader { OnGrade = (_, token) => new TaskCompletionSource<Grade>().Task.WaitAsync(token) }
            .AsBuilder().UseTimeout(TimeSpan.FromMinutes(5)).Build();

        var pending = grader.GradeBatchAsync([Request, Request], cancelled.Token);
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
    }
}
