namespace SafeCompletions.Datasets;

/// <summary>A parsed <c>KIND:PATH</c>, e.g. <c>xstest:data/xstest_prompts.csv</c>.</summary>
public sealed record DatasetReference(DatasetKind Kind, string Path)
{
    private static readonly IReadOnlyDictionary<string, DatasetKind> Kinds = new Dictionary<string, DatasetKind>(StringComparer.Ordinal)
    {
        ["jsonl"] = DatasetKind.Jsonl,
        ["xstest"] = DatasetKind.XsTest,
        ["harmbench"] = DatasetKind.HarmBench,
        ["strongreject"] = DatasetKind.StrongReject,
        ["sst"] = DatasetKind.Sst,
    };

    public static DatasetReference Parse(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !Kinds.TryGetValue(text[..colon], out var kind) || colon == text.Length - 1)
        {
            throw new FormatException($"'{text}' is not a dataset; expected KIND:PATH with KIND one of {string.Join(", ", Kinds.Keys)}");
        }
        return new DatasetReference(kind, text[(colon + 1)..]);
    }
}
