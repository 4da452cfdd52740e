using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SafeCompletions.Jsonl;

/// <summary>
/// Writes rows as JSON Lines to a temporary file beside the target and moves it into place on
/// <see cref="CommitAsync"/>, so an interrupted or failed command never leaves a half-written output.
/// </summary>
public sealed class AtomicJsonlWriter<T> : IAsyncDisposable
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private readonly string _path;
    private readonly string _temporaryPath;
    private readonly FileStream _stream;
    private readonly Utf8JsonWriter _json;
    private readonly JsonTypeInfo<T> _typeInfo;
    private bool _committed;

    public AtomicJsonlWriter(string path, JsonTypeInfo<T> typeInfo)
    {
        _path = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        _temporaryPath = $"{_path}.{Environment.ProcessId}.partial";
        _stream = new FileStream(_temporaryPath, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16, useAsync: true);
        _json = new Utf8JsonWriter(_stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = false });
        _typeInfo = typeInfo;
    }

    /// <summary>Rows written so far.</summary>
    public long Count { get; private set; }

    public async ValueTask WriteAsync(T row, CancellationToken cancellationToken = default)
    {
        JsonSerializer.Serialize(_json, row, _typeInfo);
        await _json.FlushAsync(cancellationToken).ConfigureAwait(false);
        _json.Reset();
        await _stream.WriteAsync(NewLine, cancellationToken).ConfigureAwait(false);
        Count++;
    }

    /// <summary>Flushes and moves the finished file into place, replacing any earlier one.</summary>
    public async ValueTask CommitAsync(CancellationToken cancellationToken = default)
    {
        await _json.DisposeAsync().ConfigureAwait(false);
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        File.Move(_temporaryPath, _path, overwrite: true);
        _committed = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_committed)
        {
            return;
        }
        await _json.DisposeAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        if (File.Exists(_temporaryPath))
        {
            File.Delete(_temporaryPath);
        }
    }
}
