using System.Text.Json;
using SafeCompletions.Files;

namespace SafeCompletions.Training.Sft;

/// <summary>OUT/metrics.jsonl: one row per optimizer step, flushed as it is written.</summary>
public sealed class MetricsLog(string path)
{
    public string Path => path;

    /// <summary>Keeps the rows of steps up to <paramref name="step"/> (a resumed run rewrites what came after its checkpoint, and a half-written last line).</summary>
    public void KeepThrough(int step)
    {
        if (!File.Exists(path))
        {
            return;
        }
        var kept = new List<string>();
        foreach (var line in File.ReadLines(path))
        {
            try
            {
                if (JsonSerializer.Deserialize(line, SftJsonContext.Default.SftStep) is { } row && row.Step <= step)
                {
                    kept.Add(line);
                }
            }
            catch (JsonException)
            {
                // A line cut short by a kill: the step it described is redone.
            }
        }
        AtomicFile.WriteAllText(path, string.Concat(kept.Select(line => line + Environment.NewLine)));
    }

    public void Append(SftStep step)
    {
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        using var writer = new StreamWriter(stream);
        writer.WriteLine(JsonSerializer.Serialize(step, SftJsonContext.Default.SftStep));
    }

    public static IReadOnlyList<SftStep> Read(string path) =>
        [.. File.ReadLines(path).Select(l => JsonSerializer.Deserialize(l, SftJsonContext.Default.SftStep)!)];
}
