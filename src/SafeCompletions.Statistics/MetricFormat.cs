using System.Globalization;

namespace SafeCompletions.Statistics;

/// <summary>How figures of metrics.json are shown to people (console tables, report.html): invariant culture, n/a when undefined.</summary>
public static class MetricFormat
{
    /// <summary>A signed difference, e.g. +0.125 or -0.050.</summary>
    public const string Signed = "+0.000;-0.000;0.000";

    public static string Value(double? value, string format = "0.000") =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "n/a";

    /// <summary>"[low, high]", or empty when there is no interval.</summary>
    public static string Interval(double[]? ci, string format = "0.000") =>
        ci is [var low, var high] ? $"[{low.ToString(format, CultureInfo.InvariantCulture)}, {high.ToString(format, CultureInfo.InvariantCulture)}]" : "";
}
