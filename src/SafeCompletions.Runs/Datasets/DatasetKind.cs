namespace SafeCompletions.Datasets;

/// <summary>The prompt-set formats <c>--dataset KIND:PATH</c> reads (design.md, "Commands"; mappings in docs/datasets.md).</summary>
public enum DatasetKind
{
    /// <summary>The project's own prompt rows, JSON Lines.</summary>
    Jsonl,

    /// <summary>XSTest's xstest_prompts.csv.</summary>
    XsTest,

    /// <summary>HarmBench's behaviours CSV.</summary>
    HarmBench,

    /// <summary>StrongREJECT's CSV.</summary>
    StrongReject,

    /// <summary>SimpleSafetyTests' CSV.</summary>
    Sst,
}
