using System.Text;

namespace SafeCompletions.Files;

/// <summary>
/// The one way the tool writes an output file: into a temporary file in the target's directory, flushed to disk (fsync)
/// and renamed over the target on <see cref="CommitAsync"/>, so a reader sees the old file or the whole new one, never
/// half of it. On any failure, or disposal without a commit, the temporary file is deleted: an interrupted run, a full
/// disk or a bad path leaves nothing behind. A device target (<c>/dev/stdout</c>, <c>/dev/full</c>) is written in place,
/// since a rename would replace the device itself. Every fault comes out as <see cref="OutputFileException"/>.
/// </summary>
public sealed class AtomicFile : IAsyncDisposable, IDisposable
{
    private readonly string? _temporary;
    private readonly FileStream _stream;
    private bool _committed;

    private AtomicFile(string path, string? temporary, FileStream stream) => (Path, _temporary, _stream) = (path, temporary, stream);

    /// <summary>The target's full path.</summary>
    public string Path { get; }

    /// <summary>Opens <paramref name="path"/> for writing, creating its directory when missing.</summary>
    public static AtomicFile Create(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        string? temporary = null;
        try
        {
            if (Directory.Exists(full))
            {
                throw new OutputFileException(full, "it is a directory; give a file name");
            }
            if (full.StartsWith("/dev/", StringComparison.Ordinal) && File.Exists(full))
            {
                return new AtomicFile(full, null, new FileStream(full, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 1 << 16));
            }
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            temporary = $"{full}.{Environment.ProcessId}.partial";
            return new AtomicFile(full, temporary, new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16, useAsync: true));
        }
        catch (Exception fault) when (fault is IOException or UnauthorizedAccessException)
        {
            throw OutputFileException.From(full, temporary, fault);
        }
    }

    /// <summary>Writes <paramref name="text"/> (UTF-8) to <paramref name="path"/> whole or not at all.</summary>
    public static async Task WriteAllTextAsync(string path, string text, CancellationToken cancellationToken = default)
    {
        await using var file = Create(path);
        await file.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken).ConfigureAwait(false);
        await file.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc cref="WriteAllTextAsync"/>
    public static void WriteAllText(string path, string text)
    {
        using var file = Create(path);
        file.Write(Encoding.UTF8.GetBytes(text));
        file.Commit();
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        try
        {
            await _stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception fault) when (IsFileFault(fault))
        {
            throw OutputFileException.From(Path, _temporary, fault);
        }
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        try
        {
            _stream.Write(bytes);
        }
        catch (Exception fault) when (IsFileFault(fault))
        {
            throw OutputFileException.From(Path, _temporary, fault);
        }
    }

    /// <summary>Flushes to disk and moves the finished file into place, replacing any earlier one.</summary>
    public ValueTask CommitAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Commit();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc cref="CommitAsync"/>
    public void Commit()
    {
        try
        {
            // fsync before the rename: after a crash the target is the old file or the whole new one, never empty.
            _stream.Flush(flushToDisk: _temporary is not null);
            _stream.Dispose();
            if (_temporary is not null)
            {
                File.Move(_temporary, Path, overwrite: true);
            }
            _committed = true;
        }
        catch (Exception fault)
        {
            Discard();
            if (IsFileFault(fault))
            {
                throw OutputFileException.From(Path, _temporary, fault);
            }
            throw;
        }
    }

    public void Dispose()
    {
        if (!_committed)
        {
            Discard();
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// A fault of the file system rather than of the tool. A file past the size limit (EFBIG, <c>ulimit -f</c>) comes
    /// out of .NET as <see cref="ArgumentOutOfRangeException"/>, though the write asked for nothing out of range.
    /// </summary>
    private static bool IsFileFault(Exception fault) => fault is IOException or UnauthorizedAccessException or ArgumentOutOfRangeException;

    private void Discard()
    {
        try
        {
            _stream.Dispose();
        }
        catch (Exception fault) when (IsFileFault(fault))
        {
            // The buffered tail cannot be written either (the disk is still full); the file is deleted anyway.
        }
        try
        {
            if (_temporary is not null)
            {
                File.Delete(_temporary);
            }
        }
        catch (Exception fault) when (fault is IOException or UnauthorizedAccessException)
        {
            // Nothing more can be done; the fault already being reported is the one that matters.
        }
    }
}
