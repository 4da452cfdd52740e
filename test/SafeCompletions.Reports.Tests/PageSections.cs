using SafeCompletions.Contracts;

namespace SafeCompletions.Reports.Tests;

/// <summary>What the report tests share: one section of a written page, and a run with no response texts to look up.</summary>
internal static class PageSections
{
    /// <summary>The HTML of <c>&lt;section id="ID"&gt;</c> up to its end.</summary>
    public static string Of(string html, string id)
    {
        var start = html.IndexOf($"<section id=\"{id}\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section {id}");
        return html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
    }

    public static Task<IReadOnlyDictionary<string, ResponseRow>> NoResponses(IReadOnlyList<GradeRow> rows, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, ResponseRow>>(new Dictionary<string, ResponseRow>());
}
