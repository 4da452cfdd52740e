using System.Security.Cryptography;
using SafeCompletions.Jsonl;

namespace SafeCompletions.Datasets;

/// <summary>
/// The content hash of a run's prompt files, in order: a resumed run is checked against it, so that other prompts
/// under the same path (an edited file) never merge into the metrics of the first ones.
/// </summary>
public static class PromptContent
{
    public static string Hash(IEnumerable<DatasetReference> datasets)
    {
        var files = string.Concat(datasets.Select(d => $"{d.Kind.Name}\n{FileHash(d.Path)}\n"));
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(files)))[..16];
    }

    private static string FileHash(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidInputException(new RowError(path, 0, "(file)", "no such file"));
        }
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
