namespace SafeCompletions.Files;

/// <summary>
/// An output file that cannot be written (a directory in the way, a read-only location, a full disk): the command stops
/// with the I/O exit code and this one line, which names the file the user asked for, not the temporary beside it.
/// </summary>
public sealed class OutputFileException(string path, string reason, Exception? inner = null)
    : IOException($"cannot write {path}: {reason}", inner)
{
    public string Path { get; } = path;

    /// <summary>Names <paramref name="path"/> in the system's message instead of the temporary file it was about.</summary>
    internal static OutputFileException From(string path, string? temporary, Exception fault)
    {
        if (fault is OutputFileException known)
        {
            return known;
        }
        var reason = temporary is null ? fault.Message : fault.Message.Replace(temporary, path, StringComparison.Ordinal);
        // .NET appends " : 'PATH'" to an errno message; the path is already at the front of the line.
        var suffix = $" : '{path}'";
        if (reason.EndsWith(suffix, StringComparison.Ordinal))
        {
            reason = reason[..^suffix.Length];
        }
        return new OutputFileException(path, reason.TrimEnd('.'), fault);
    }
}
