namespace SafeCompletions.Files;

/// <summary>A directory a command writes into (a run directory, a study, a report): created when missing.</summary>
public static class OutputDirectory
{
    /// <summary>
    /// Creates <paramref name="path"/> and its parents; a file in the way, or a location that cannot be written, is an
    /// <see cref="OutputFileException"/> naming the path.
    /// </summary>
    public static string Create(string path)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            throw new OutputFileException(full, "it is a file; a directory is needed here");
        }
        try
        {
            Directory.CreateDirectory(full);
        }
        catch (Exception fault) when (fault is IOException or UnauthorizedAccessException)
        {
            throw OutputFileException.From(full, null, fault);
        }
        return path;
    }
}
