using System.Text.RegularExpressions;

namespace SafeCompletions.Embedded.Features;

/// <summary>
/// Placeholder tokens (<c>[REDACTED]</c>, <c>[GROUP]</c>, <c>XXX</c>, <c>&lt;omitted&gt;</c>, redaction bars) carry no
/// content of their own: they stand for something left out. The grader reads a response without them, so that a
/// placeholder can neither mark harmless text as harmful (the specs' exemplars redact their unsafe examples, which once
/// taught the word block that "redacted" means unsafe) nor make harmful steps look safe by hiding a name or two.
/// </summary>
public static partial class Placeholders
{
    /// <summary>The text with every placeholder token taken out and the spaces around it closed up.</summary>
    public static string Strip(string text)
    {
        if (!Candidate().IsMatch(text))
        {
            return text;
        }
        var stripped = Token().Replace(text, "");
        return stripped.Length == text.Length ? text : SpaceBeforePunctuation().Replace(SpaceRun().Replace(stripped, " "), "$1");
    }

    // A cheap pre-check: most responses hold none of the characters a placeholder needs.
    [GeneratedRegex(@"[\[<{█■▇]|\b[Xx]{3}|\*{3}")]
    private static partial Regex Candidate();

    // Bracketed capitals ([REDACTED], [REDACTED SLUR], [GROUP]; not a markdown link, which a '(' follows, nor a
    // footnote number), a bracketed or angled word that says something was left out, whole-word runs of X, and bars.
    [GeneratedRegex(
        @"(?<![\w\]])\[(?:[A-Z][A-Z0-9 _\-]{1,38}[A-Z0-9])\](?!\()" +
        @"|[\[<{][^\[\]<>{}\n]{0,30}?\b(?i:redact\w*|omit\w*|remov\w*|censor\w*|placeholder|elided|withheld|snip|hidden|deleted)\b[^\[\]<>{}\n]{0,30}[\]>}]" +
        @"|\b[Xx]{3,}\b" +
        @"|[█■▇]{2,}" +
        @"|\*{3,}")]
    private static partial Regex Token();

    [GeneratedRegex(@"[ \t]{2,}")]
    private static partial Regex SpaceRun();

    [GeneratedRegex(@" ([.,;:!?)])")]
    private static partial Regex SpaceBeforePunctuation();
}
