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
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var dataset in datasets)
        {
            if (!File.Exists(dataset.Path))
            {
                throw new InvalidInputException(new RowError(dataset.Path, 0, "(file)", "no such file"));
            }
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{dataset.Kind.Name}\n"));
            using var stream = File.OpenRead(dataset.Path);
            var buffer = new byte[1 << 16];
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
            hash.AppendData("\n"u8);
        }
        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}
