using System.Collections.Concurrent;
using SafeCompletions.Runs;

namespace SafeCompletions.Runs.Tests;

public sealed class ResumableWorkTests
{
    [Fact]
    public async Task RunAsync_DoesEveryMissingItem_AndCountsWhatPagesSayWasDone()
    {
        var worked = new ConcurrentBag<int>();
        var done = 0;

        await ResumableWork.RunAsync(Pages(new WorkPage<int>(3, [1, 2]), new WorkPage<int>(0, [3]), new WorkPage<int>(5, [])), 2,
            (item, _) => { worked.Add(item); return ValueTask.CompletedTask; }, count => Interlocked.Add(ref done, count));

        Assert.Equal([1, 2, 3], worked.Order());
        Assert.Equal(3 + 5 + 3, done);
    }

    [Fact]
    public async Task RunAsync_NeverMoreItemsInFlightThanTheConcurrency()
    {
        var inFlight = 0;
        var most = 0;

        await ResumableWork.RunAsync(Pages(new WorkPage<int>(0, [.. Enumerable.Range(0, 30)])), 3, async (_, _) =>
        {
            var now = Interlocked.Increment(ref inFlight);
            lock (this)
            {
                most = Math.Max(most, now);
            }
            await Task.Delay(5);
            Interlocked.Decrement(ref inFlight);
        }, _ => { });

        Assert.InRange(most, 1, 3);
    }

    [Fact]
    public async Task RunAsync_ReadsTheNextPageOnlyAsItIsNeeded()
    {
        var pagesRead = 0;
        async IAsyncEnumerable<WorkPage<int>> Lazy()
        {
            for (var page = 0; page < 3; page++)
            {
                Interlocked.Increment(ref pagesRead);
                await Task.Yield();
                yield return new WorkPage<int>(0, [page]);
            }
        }
        using var stop = new CancellationTokenSource();

        var run = ResumableWork.RunAsync(Lazy(), 1, async (item, token) =>
        {
            if (item == 0)
            {
                await stop.CancelAsync();
            }
            await Task.Delay(Timeout.Infinite, token);
        }, _ => { }, stop.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.True(pagesRead < 3, $"read {pagesRead} pages before the first item ended");
    }

    private static async IAsyncEnumerable<WorkPage<int>> Pages(params WorkPage<int>[] pages)
    {
        foreach (var page in pages)
        {
            await Task.Yield();
            yield return page;
        }
    }
}
