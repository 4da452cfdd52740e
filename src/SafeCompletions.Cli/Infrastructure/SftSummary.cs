using System.Globalization;
using SafeCompletions.Sft;
using Spectre.Console;

namespace SafeCompletions.Cli.Infrastructure;

/// <summary>The console view of stats.json: kept and rejected by category, why candidates were rejected, and the mode mix of kept rows.</summary>
internal static class SftSummary
{
    /// <summary>Above this share of refusals the kept data would teach refusing; the summary says so.</summary>
    private const double RefusalWarningShare = 0.5;

    public static void Write(IAnsiConsole console, SftStats stats)
    {
        var categories = stats.Kept.ByCategory.Keys.Union(stats.Rejected.ByCategory.Keys).Order(StringComparer.Ordinal);
        var table = new Table().AddColumns("category", "kept", "rejected candidates");
        foreach (var category in categories)
        {
            table.AddRow(Markup.Escape(category), Count(stats.Kept.ByCategory.GetValueOrDefault(category)), Count(stats.Rejected.ByCategory.GetValueOrDefault(category)));
        }
        table.AddRow("[bold]all[/]", $"[bold]{Count(stats.Kept.Total)}[/]", $"[bold]{Count(stats.Rejected.Total)}[/]");
        console.Write(table);

        if (stats.Rejected.ByReason is { Count: > 0 } reasons)
        {
            console.WriteLine("rejected: " + Reasons(reasons));
        }
        console.WriteLine($"{stats.UniquePrompts} unique prompts of {stats.Prompts}; {stats.PromptsWithoutRow} got no training row");
        if (stats.Kept.Total == 0)
        {
            console.MarkupLineInterpolated($"[yellow]no candidate was kept[/]: {NoneKept(stats)}; train.jsonl is empty (exit 1)");
            return;
        }
        var mix = stats.Kept.ByMode.OrderByDescending(m => m.Value)
            .Select(m => $"{m.Key} {Share(m.Value, stats.Kept.Total)}");
        console.WriteLine("mode mix of kept rows: " + string.Join(", ", mix));
        var refusals = stats.Kept.ByMode.Where(m => m.Key.Contains("refusal", StringComparison.Ordinal)).Sum(m => m.Value);
        if ((double)refusals / stats.Kept.Total > RefusalWarningShare)
        {
            console.MarkupLineInterpolated($"[yellow]warning:[/] {Share(refusals, stats.Kept.Total)} of kept rows are refusals; a model trained on them learns to refuse. Check the prompt mix and the generator.");
        }
    }

    /// <summary>Why nothing was kept: the rejections by reason (rejected.jsonl has each), or that there was nothing to generate.</summary>
    private static string NoneKept(SftStats stats) => stats.Rejected.Total == 0
        ? "no candidate to choose from"
        : $"all {Count(stats.Rejected.Total)} candidate(s) rejected ({Reasons(stats.Rejected.ByReason ?? new SortedDictionary<string, int>())}; see rejected.jsonl)";

    private static string Reasons(IReadOnlyDictionary<string, int> reasons) =>
        string.Join(", ", reasons.OrderByDescending(r => r.Value).Select(r => $"{r.Key} {r.Value}"));

    private static string Share(int part, int total) => ((double)part / total).ToString("P0", CultureInfo.InvariantCulture);

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}
