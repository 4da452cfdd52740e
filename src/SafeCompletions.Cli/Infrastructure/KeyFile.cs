namespace SafeCompletions.Cli.Infrastructure;

/// <summary>A secret key kept in a file (so that it never shows in the process list or shell history).</summary>
internal static class KeyFile
{
    /// <summary>The key is the file's text without surrounding white space; its value is never printed.</summary>
    public static string Read(string option, string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"{option} {path}: no such file");
        }
        var key = File.ReadAllText(path).Trim();
        if (key.Length == 0 || key.Any(char.IsWhiteSpace))
        {
            throw new UsageException($"{option} {path}: the file must hold one key, without spaces or line breaks inside it");
        }
        return key;
    }
}
