using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using SafeCompletions.Human.Results;
using SafeCompletions.Human.Study;

namespace SafeCompletions.Human.Web.Internal;

/// <summary>/admin: progress and time per rater, agreement and gold accuracy so far, the unblinding form and its log.</summary>
internal static class AdminPage
{
    public static string Login(string field, string token, bool failed) => RaterPage.Head("Study admin") + $"""
        {(failed ? "<p class=\"warning\">Wrong key.</p>" : "")}
        <form method="post" action="/admin/login"><input type="hidden" name="{field}" value="{HtmlEncoder.Default.Encode(token)}">
        <label>Admin key <input type="password" name="key" autocomplete="off"></label> <button type="submit">Open</button></form></body></html>
        """;

    public static string Overview(IReadOnlyList<RaterProgress> progress, Agreement? agreement, GoldSummary? gold,
        IReadOnlyList<(string At, string Reason)> unblindings, string field, string token)
    {
        var e = HtmlEncoder.Default;
        var html = new StringBuilder(RaterPage.Head("Study admin"));
        html.Append("<h2>Raters</h2><table id=\"raters\"><tr><th>rater</th><th>items</th><th>rated</th><th>skipped</th><th>median seconds per item</th></tr>");
        foreach (var p in progress)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{e.Encode(p.Rater)}</td><td>{p.Items}</td><td>{p.Rated}</td><td>{p.Skipped}</td><td>{p.MedianSeconds?.ToString("0.0", CultureInfo.InvariantCulture) ?? "–"}</td></tr>");
        }
        html.Append("</table><h2>So far</h2><ul id=\"so-far\">");
        html.Append(CultureInfo.InvariantCulture, $"<li>safety α (ordinal): {Figure(agreement?.SafetyAlphaOrdinal)}</li>");
        html.Append(CultureInfo.InvariantCulture, $"<li>helpfulness α (nominal): {Figure(agreement?.HelpfulnessAlphaNominal)}</li>");
        html.Append(CultureInfo.InvariantCulture, $"<li>balance α (nominal): {Figure(agreement?.BalanceAlphaNominal)}</li>");
        html.Append(CultureInfo.InvariantCulture, $"<li>gold accuracy: {Figure(gold?.Accuracy)} over {gold?.Checks ?? 0} checks</li></ul>");
        html.Append($"""
            <h2>Unblinding</h2><p>Shows which system wrote A and B of every item. It is logged with its reason and time.</p>
            <form method="post" action="/admin/unblind"><input type="hidden" name="{field}" value="{e.Encode(token)}">
            <label>Reason <input name="reason" required></label> <button type="submit">Unblind</button></form><ul id="unblindings">
            """);
        foreach (var (at, reason) in unblindings)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li>{e.Encode(at)}: {e.Encode(reason)}</li>");
        }
        return html.Append("</ul></body></html>").ToString();
    }

    public static string Unblinded(IReadOnlyList<(string Item, string PromptId, string ModelA, string ModelB)> items)
    {
        var e = HtmlEncoder.Default;
        var html = new StringBuilder(RaterPage.Head("Unblinded (logged)"));
        html.Append("<table id=\"unblinded\"><tr><th>item</th><th>prompt</th><th>system a</th><th>system b</th></tr>");
        foreach (var i in items)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{e.Encode(i.Item)}</td><td>{e.Encode(i.PromptId)}</td><td>{e.Encode(i.ModelA)}</td><td>{e.Encode(i.ModelB)}</td></tr>");
        }
        return html.Append("</table><p><a href=\"/admin\">back</a></p></body></html>").ToString();
    }

    private static string Figure(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("0.000", CultureInfo.InvariantCulture) : "–";
}
