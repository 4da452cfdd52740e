namespace SafeCompletions.Runs;

/// <summary>One page of a resumable run's work (<see cref="ResumableWork"/>): how many of its items were done already, and the ones still to do.</summary>
public readonly record struct WorkPage<TItem>(int AlreadyDone, IReadOnlyList<TItem> Missing);
