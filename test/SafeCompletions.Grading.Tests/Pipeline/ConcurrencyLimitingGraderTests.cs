using SafeCompletions.Contracts;
using SafeCompletions.Grading;

namespace SafeCompletions.Grading.Tests.Pipeline;

public sealed class ConcurrencyLimitingGraderTests
{
    private static readonly GradeRequest Request = new([new ChatTurn("user", "q")], "fine");

    [Fact]
    public async Task GradeAsync_ManyCallers_AtMostTheLimitInFlight()
    {
        var inFlight = 0;
        var most = 0;
        var grader = new FakeGrader
        {
            OnGrade = async (r, _) =>
            {
                var now = Interlocked.Increment(ref inFlight);
                InterlockedMax(ref most, now);
                await Task.Delay(20);
                Interlocked.Decrement(ref inFlight);
                return FakeGrader.Scored(r);
            },
        }.AsBuilder().UseConcurrencyLimit(3).Build();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => grader.GradeAsync(Request)));

        Assert.Equal(3, most);
    }

    [Fact]
    public void Traits_LimitBelowThePreferredConcurrency_PrefersTheLimit()
    {
        var grader = new FakeGrader().AsBuilder().UseConcurrencyLimit(4).Build();

        Assert.Equal(4, grader.Traits.PreferredConcurrency);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
