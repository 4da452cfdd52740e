namespace SafeCompletions.Human.Statistics;

/// <summary>The level of measurement of Krippendorff's α, which fixes how far apart two values are (its difference function δ²).</summary>
public enum AlphaLevel
{
    /// <summary>Values are names: two values differ (δ² = 1) or are the same (0).</summary>
    Nominal,

    /// <summary>Values are ranks: the distance between c and k grows with how many values lie between them in the data.</summary>
    Ordinal,

    /// <summary>Values are numbers on an interval scale: δ² = (c − k)².</summary>
    Interval,
}
