using ScottPlot;
using SafeCompletions.Statistics;

namespace SafeCompletions.Reports;

/// <summary>The report's charts, drawn with ScottPlot as SVG text to be placed inline in the page.</summary>
internal static class ReportCharts
{
    private static readonly string[] SplitIntents = ["benign", "dual_use", "malicious"];
    private static readonly Color[] Palette = [Colors.SteelBlue, Colors.DarkOrange, Colors.SeaGreen, Colors.Crimson, Colors.MediumPurple, Colors.SaddleBrown];

    /// <summary>Grouped bars: a group per intent, a bar per model, with 95% intervals as error bars.</summary>
    public static string ByIntent(MetricsReport report, string title, Func<IntentMetrics, (double? Value, double[]? Ci)> metric, double max)
    {
        var plot = new Plot();
        var models = report.Models.Keys.ToList();
        var width = models.Count + 1;
        for (var m = 0; m < models.Count; m++)
        {
            var bars = new List<Bar>();
            var intervals = new List<(double X, double Y, double[] Ci)>();
            for (var i = 0; i < SplitIntents.Length; i++)
            {
                var (value, ci) = metric(report.Models[models[m]][SplitIntents[i]]);
                if (value is not { } v)
                {
                    continue;
                }
                bars.Add(new Bar
                {
                    Position = i * width + m,
                    Value = v,
                    FillColor = Palette[m % Palette.Length],
                    Label = v.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
                });
                if (ci is { Length: 2 })
                {
                    intervals.Add((i * width + m, v, ci));
                }
            }
            var series = plot.Add.Bars(bars);
            series.LegendText = models[m];
            AddIntervals(plot, intervals);
        }
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, SplitIntents.Length).Select(i => i * width + (models.Count - 1) / 2.0)], SplitIntents);
        plot.Axes.SetLimitsY(0, max);
        plot.Title(title);
        plot.ShowLegend(Edge.Right);
        return Inline(plot.GetSvgXml(820, 340));
    }

    /// <summary>Stacked bars, one per model: the shares of each part (modes of scored rows, or severities of unsafe rows).</summary>
    public static string Stacked(MetricsReport report, string title, Func<IntentMetrics, IReadOnlyDictionary<string, double>> shares)
    {
        var plot = new Plot();
        var models = report.Models.Keys.ToList();
        var parts = shares(report.Models[models[0]]["all"]).Keys.ToList();
        var bars = new List<Bar>();
        for (var m = 0; m < models.Count; m++)
        {
            var bottom = 0.0;
            var values = shares(report.Models[models[m]]["all"]);
            for (var p = 0; p < parts.Count; p++)
            {
                var share = values[parts[p]];
                bars.Add(new Bar { Position = m, ValueBase = bottom, Value = bottom + share, FillColor = Palette[p % Palette.Length] });
                bottom += share;
            }
        }
        plot.Add.Bars(bars);
        for (var p = 0; p < parts.Count; p++)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = parts[p], FillColor = Palette[p % Palette.Length] });
        }
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, models.Count).Select(m => (double)m)], [.. models]);
        plot.Axes.SetLimitsY(0, 1);
        plot.Title(title);
        plot.ShowLegend(Edge.Right);
        return Inline(plot.GetSvgXml(820, 340));
    }

    /// <summary>The SVG without its XML declaration, which has no place inside an HTML page.</summary>
    private static string Inline(string svg)
    {
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        return start > 0 ? svg[start..] : svg;
    }

    /// <summary>Asymmetric error bars from each point's 95% interval.</summary>
    private static void AddIntervals(Plot plot, IReadOnlyList<(double X, double Y, double[] Ci)> points)
    {
        if (points.Count == 0)
        {
            return;
        }
        var bars = plot.Add.ErrorBar([.. points.Select(p => p.X)], [.. points.Select(p => p.Y)], [.. points.Select(_ => 0.0)]);
        bars.YErrorPositive = [.. points.Select(p => Math.Max(0, p.Ci[1] - p.Y))];
        bars.YErrorNegative = [.. points.Select(p => Math.Max(0, p.Y - p.Ci[0]))];
        bars.Color = Colors.Black;
    }

    /// <summary>Each comparison's difference (b − a) with its 95% interval, by intent.</summary>
    public static string Comparisons(IReadOnlyList<Comparison> comparisons, string metric)
    {
        var plot = new Plot();
        var shown = comparisons.Where(c => c.Metric == metric && c.Diff is not null).ToList();
        var bars = shown.Select((c, i) => new Bar
        {
            Position = i,
            Value = c.Diff!.Value,
            FillColor = c.Diff >= 0 ? Colors.SeaGreen : Colors.Crimson,
        }).ToList();
        plot.Add.Bars(bars);
        AddIntervals(plot, [.. shown.Select((c, i) => ((double)i, c.Diff!.Value, c.Ci)).Where(x => x.Ci is { Length: 2 }).Select(x => (x.Item1, x.Value, x.Ci!))]);
        plot.Add.HorizontalLine(0, color: Colors.Black);
        var onePair = shown.Select(c => (c.A, c.B)).Distinct().Count() == 1;
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, shown.Count).Select(i => (double)i)],
            [.. shown.Select(c => onePair ? c.Intent : $"{c.B} − {c.A}\n{c.Intent}")]);
        if (onePair && shown.Count > 0)
        {
            plot.Axes.Bottom.Label.Text = $"{shown[0].B} − {shown[0].A}";
        }
        plot.Title($"Difference in {metric} (b − a) with 95% interval");
        return Inline(plot.GetSvgXml(820, 340));
    }
}
