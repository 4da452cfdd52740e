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

    /// <summary>The first item of type <typeparamref name="T"/>, or null.</summary>
    public T? Find<T>() where T : class => _items.OfType<T>().FirstOrDefault();

    public void Dispose()
    {
        for (var i = _items.Count - 1; i >= 0; i--)
        {
            _items[i].Dispose();
        }
    }
}
