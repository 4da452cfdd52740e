namespace SafeCompletions.Training.Sft;

/// <summary>The rows in a fresh seeded shuffle each epoch; the n-th row the run reads is a function of the seed and n alone, so a resumed run reads what the first would have.</summary>
public sealed class RowOrder(int rows, int seed)
{
    private readonly Dictionary<int, int[]> _epochs = [];

    public int At(int position)
    {
        var epoch = position / rows;
        if (!_epochs.TryGetValue(epoch, out var order))
        {
            order = [.. Enumerable.Range(0, rows)];
            new Random(unchecked(seed * 7919 + epoch)).Shuffle(order);
            _epochs[epoch] = order;
        }
        return order[position % rows];
    }
}
