using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SafeCompletions.Files;

namespace SafeCompletions.Jsonl;

/// <summary>
/// Writes rows as JSON Lines through an <see cref="AtomicFile"/>: nothing appears at the target until
/// <see cref="CommitAsync"/>, so an interrupted or failed command never leaves a half-written output.
/// </summary>
public sealed class AtomicJsonlWriter<T> : IAsyncDisposable
{
    private readonly AtomicFile _file;
    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 12);
    private readonly Utf8JsonWriter _json;
    private readonly JsonTypeInfo<T> _typeInfo;

    public AtomicJsonlWriter(string path, JsonTypeInfo<T> typeInfo)
    {
        _file = AtomicFile.Create(path);
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = false });
        _typeInfo = typeInfo;
    }

    /// <summary>Rows written so far.</summary>
    public long Count { get; private set; }

    public async ValueTask WriteAsync(T row, CancellationToken cancellationToken = default)
    {
        JsonSerializer.Serialize(_json, row, _typeInfo);
        _json.Flush();
        _json.Reset();
        _buffer.GetSpan(1)[0] = (byte)'\n';
        _buffer.Advance(1);
        await _file.WriteAsync(_buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        _buffer.ResetWrittenCount();
        Count++;
    }

    /// <summary>Flushes and moves the finished file into place, replacing any earlier one.</summary>
    public ValueTask CommitAsync(CancellationToken cancellationToken = default) => _file.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _json.DisposeAsync().ConfigureAwait(false);
        await _file.DisposeAsync().ConfigureAwait(false);
    }
}
