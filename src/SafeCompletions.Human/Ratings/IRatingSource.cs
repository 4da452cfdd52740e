namespace SafeCompletions.Human.Ratings;

/// <summary>Where ratings come from: a study's database, or a JSON Lines file of ratings collected elsewhere.</summary>
public interface IRatingSource
{
    /// <summary>What the ratings are read from, for messages (a path).</summary>
    string Name { get; }

    /// <summary>Every rating, one per rater per item; bad input throws <see cref="Jsonl.InvalidInputException"/> naming file, line and field.</summary>
    IAsyncEnumerable<HumanRating> ReadAsync(CancellationToken cancellationToken = default);
}
