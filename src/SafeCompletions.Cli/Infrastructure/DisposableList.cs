namespace SafeCompletions.Cli.Infrastructure;

/// <summary>Disposes, in reverse order, what a command created along the way.</summary>
internal sealed class DisposableList : IDisposable
{
    private readonly List<IDisposable> _items = [];

    public T Add<T>(T item) where T : IDisposable
    {
        _items.Add(item);
        return item;
    }

    public void Dispose()
    {
        for (var i = _items.Count - 1; i >= 0; i--)
        {
            _items[i].Dispose();
        }
    }
}
