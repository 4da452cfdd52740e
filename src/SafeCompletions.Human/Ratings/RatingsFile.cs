using System.Runtime.CompilerServices;
using System.Text.Json;
using SafeCompletions.Jsonl;

namespace SafeCompletions.Human.Ratings;

/// <summary>
/// Ratings collected elsewhere (Prolific, Label Studio exports…) as JSON Lines, one row per rater per item in the
/// design's format. Every row is checked as it is read; the first bad one stops the read with an
/// <see cref="InvalidInputException"/> naming the file, the line and the field.
/// </summary>
public sealed class RatingsFile(string path) : IRatingSource
{
    /// <inheritdoc/>
    public string Name => path;

    /// <inheritdoc/>
    public async IAsyncEnumerable<HumanRating> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
        {
            throw new InvalidInputException(new RowError(path, 0, "(file)", "no such file"));
        }
        var items = new Dictionary<string, (string PromptId, string Pair, int Line)>(StringComparer.Ordinal);
        using var reader = new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } text)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            var rating = RatingRow.Parse(text, (field, message) => new InvalidInputException(new RowError(path, lineNumber, field, message)));
            CheckSameItem(items, rating, lineNumber);
            yield return rating;
        }
    }

    /// <summary>One item is one prompt answered by one pair of systems, whichever rater saw it and on whichever side.</summary>
    private void CheckSameItem(Dictionary<string, (string PromptId, string Pair, int Line)> items, HumanRating rating, int line)
    {
        var pair = string.CompareOrdinal(rating.LeftModel, rating.RightModel) < 0
            ? $"{rating.LeftModel} / {rating.RightModel}"
            : $"{rating.RightModel} / {rating.LeftModel}";
        if (!items.TryGetValue(rating.Item, out var first))
        {
            items[rating.Item] = (rating.PromptId, pair, line);
            return;
        }
        if (first.PromptId != rating.PromptId)
        {
            throw new InvalidInputException(new RowError(path, line, "prompt_id",
                $"item '{rating.Item}' has prompt_id '{first.PromptId}' at line {first.Line}, '{rating.PromptId}' here"));
        }
        if (first.Pair != pair)
        {
            throw new InvalidInputException(new RowError(path, line, "left_model",
                $"item '{rating.Item}' compares {first.Pair} at line {first.Line}, {pair} here"));
        }
    }
}
