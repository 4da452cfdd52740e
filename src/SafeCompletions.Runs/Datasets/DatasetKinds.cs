namespace SafeCompletions.Datasets;

/// <summary>The registry of prompt-set formats, by name.</summary>
public sealed class DatasetKinds
{
    private readonly Dictionary<string, IDatasetKind> _kinds = new(StringComparer.Ordinal);

    /// <summary>The project's JSON Lines and the public sets of docs/design.md: xstest, harmbench, strongreject, sst.</summary>
    public static DatasetKinds Create() => new DatasetKinds()
        .Add(JsonlDataset.Instance)
        .Add(new CsvDataset(CsvPromptMapping.XsTest))
        .Add(new CsvDataset(CsvPromptMapping.HarmBench))
        .Add(new CsvDataset(CsvPromptMapping.StrongReject))
        .Add(new CsvDataset(CsvPromptMapping.Sst));

    /// <summary>The kinds' names in the order they were added.</summary>
    public IReadOnlyList<string> Names => [.. _kinds.Keys];

    /// <summary>Adds a kind; a later one of the same name replaces the earlier.</summary>
    public DatasetKinds Add(IDatasetKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        _kinds[kind.Name] = kind;
        return this;
    }

    /// <summary>The kind of this name, or null.</summary>
    public IDatasetKind? Find(string name) => _kinds.GetValueOrDefault(name);
}
