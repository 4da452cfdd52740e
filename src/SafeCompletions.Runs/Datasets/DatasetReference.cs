namespace SafeCompletions.Datasets;

/// <summary>A parsed <c>KIND:PATH</c>, e.g. <c>xstest:data/xstest_prompts.csv</c>.</summary>
public sealed record DatasetReference(IDatasetKind Kind, string Path)
{
    /// <summary>A prompt file in the project's JSON Lines.</summary>
    public static DatasetReference Jsonl(string path) => new(JsonlDataset.Instance, path);

    /// <summary>Parses <c>KIND:PATH</c> against <paramref name="kinds"/> (default: <see cref="DatasetKinds.Create"/>).</summary>
    public static DatasetReference Parse(string text, DatasetKinds? kinds = null)
    {
        kinds ??= DatasetKinds.Create();
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || kinds.Find(text[..colon]) is not { } kind || colon == text.Length - 1)
        {
            throw new FormatException($"'{text}' is not a dataset; expected KIND:PATH with KIND one of {string.Join(", ", kinds.Names)}");
        }
        return new DatasetReference(kind, text[(colon + 1)..]);
    }
}
