using System.Runtime.CompilerServices;

namespace SafeCompletions.Runs;

/// <summary>
/// The loop eval and sft share: pages of work read from the run's store one after another (each read on from the
/// last key, so memory stays flat), each page's missing items streamed into one bounded parallel loop, so the model
/// is kept at full concurrency from the first call to the last. What a page says was done already counts as progress.
/// Each item is stored by <c>work</c> as soon as it is done, so a killed run loses only the items in flight.
/// </summary>
public static class ResumableWork
{
    /// <param name="pages">The work, page by page: how many of a page's items were done already, and the missing ones.</param>
    /// <param name="concurrency">Items in flight at once.</param>
    /// <param name="work">Does one item and stores its result.</param>
    /// <param name="done">Told how many more items are done (from the pages' counts and as items finish); may be called concurrently.</param>
    /// <param name="cancellationToken">Stops the loop.</param>
    public static Task RunAsync<TItem>(
        IAsyncEnumerable<WorkPage<TItem>> pages, int concurrency, Func<TItem, CancellationToken, ValueTask> work, Action<int> done,
        CancellationToken cancellationToken = default)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken };
        return Parallel.ForEachAsync(EntriesAsync(pages, cancellationToken), parallel, async (entry, token) =>
        {
            if (entry.IsItem)
            {
                await work(entry.Item!, token).ConfigureAwait(false);
            }
            done(entry.Count);
        });
    }

    private static async IAsyncEnumerable<(bool IsItem, TItem? Item, int Count)> EntriesAsync<TItem>(
        IAsyncEnumerable<WorkPage<TItem>> pages, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in pages.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return (false, default, page.AlreadyDone);
            foreach (var item in page.Missing)
            {
                yield return (true, item, 1);
            }
        }
    }
}
