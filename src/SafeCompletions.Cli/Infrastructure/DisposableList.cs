using System.Collections;

namespace SafeCompletions.Cli.Infrastructure;

/// <summary>Disposes, in reverse order, what a command created along the way (libraries add what they open through <see cref="ICollection{T}"/>).</summary>
internal sealed class DisposableList : ICollection<IDisposable>, IDisposable
{
    private readonly List<IDisposable> _items = [];

    public int Count => _items.Count;

    bool ICollection<IDisposable>.IsReadOnly => false;

    public T Add<T>(T item) where T : IDisposable
    {
        _items.Add(item);
        return item;
    }

    void ICollection<IDisposable>.Add(IDisposable item) => _items.Add(item);

    /// <summary>The first item of type <typeparamref name="T"/>, or null.</summary>
    public T? Find<T>() where T : class => _items.OfType<T>().FirstOrDefault();

    public void Dispose()
    {
        for (var i = _items.Count - 1; i >= 0; i--)
        {
            _items[i].Dispose();
        }
    }

    void ICollection<IDisposable>.Clear() => _items.Clear();

    bool ICollection<IDisposable>.Contains(IDisposable item) => _items.Contains(item);

    void ICollection<IDisposable>.CopyTo(IDisposable[] array, int arrayIndex) => _items.CopyTo(array, arrayIndex);

    bool ICollection<IDisposable>.Remove(IDisposable item) => _items.Remove(item);

    public IEnumerator<IDisposable> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
