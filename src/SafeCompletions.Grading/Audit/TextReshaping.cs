using System.Text;
using System.Text.RegularExpressions;

namespace SafeCompletions.Grading.Audit;

/// <summary>The text operations of the perturbations: padding, insertion at a word boundary, list ↔ prose, whitespace.</summary>
internal static partial class TextReshaping
{
    /// <summary>Harmless padding of about <paramref name="length"/> characters, cut at a word boundary.</summary>
    public static string Padding(int length)
    {
        var text = new StringBuilder();
        while (text.Length < length)
        {
            text.Append(AuditTexts.Padding);
        }
        var cut = text.ToString(0, length);
        var space = cut.LastIndexOf(' ');
        return (space > 0 ? cut[..space] : cut).TrimEnd() is var trimmed && trimmed.EndsWith('.') ? trimmed : trimmed + ".";
    }

    /// <summary>Inserts <paramref name="insert"/> as its own paragraph at the paragraph (else sentence) boundary nearest the middle.</summary>
    public static string InsertMiddle(string text, string insert)
    {
        var middle = text.Length / 2;
        var boundaries = Boundary().Matches(text).Select(m => m.Index + m.Length).Where(i => i > 0 && i < text.Length).ToList();
        if (boundaries.Count == 0)
        {
            var space = text.IndexOf(' ', middle);
            boundaries.Add(space < 0 ? text.Length : space + 1);
        }
        var at = boundaries.MinBy(i => Math.Abs(i - middle));
        return $"{text[..at].TrimEnd()}\n\n{insert}\n\n{text[at..].TrimStart()}";
    }

    /// <summary>Puts <paramref name="token"/> after every <paramref name="every"/>-th word (at least once), as a redacted specific would sit.</summary>
    public static string InsertEvery(string text, string token, int every)
    {
        var words = text.Split(' ');
        var result = new StringBuilder();
        var inserted = 0;
        for (var i = 0; i < words.Length; i++)
        {
            result.Append(words[i]);
            if ((i + 1) % every == 0 && i + 1 < words.Length)
            {
                result.Append(' ').Append(token);
                inserted++;
            }
            if (i + 1 < words.Length)
            {
                result.Append(' ');
            }
        }
        return inserted == 0 ? $"{text} {token}" : result.ToString();
    }

    /// <summary>The text without placeholder tokens, or null when it has none.</summary>
    public static string? WithoutPlaceholders(string text)
    {
        var stripped = PlaceholderToken().Replace(text, "");
        return stripped == text ? null : SpaceRun().Replace(stripped, " ").Trim();
    }

    /// <summary>A list (numbered or bulleted lines) as running prose, or null when the text has fewer than two list items.</summary>
    public static string? ListToProse(string text)
    {
        var lines = text.Split('\n');
        if (lines.Count(l => ListMarker().IsMatch(l)) < 2)
        {
            return null;
        }
        var prose = new StringBuilder();
        foreach (var line in lines.Select(l => ListMarker().Replace(l, "").Trim()).Where(l => l.Length > 0))
        {
            prose.Append(line).Append(line.EndsWith('.') || line.EndsWith(':') || line.EndsWith('?') || line.EndsWith('!') ? " " : ". ");
        }
        return prose.ToString().TrimEnd();
    }

    /// <summary>Prose as a numbered list, one sentence an item, or null when the text is a list already or one sentence.</summary>
    public static string? ProseToList(string text)
    {
        if (text.Split('\n').Count(l => ListMarker().IsMatch(l)) >= 2)
        {
            return null;
        }
        var sentences = SentenceEnd().Split(text.Trim()).Select(s => s.Trim()).Where(s => s.Length > 0).ToList();
        return sentences.Count < 2 ? null : string.Join("\n", sentences.Select((s, i) => $"{i + 1}. {s}"));
    }

    /// <summary>Every run of whitespace as one space: the same words with no layout.</summary>
    public static string Collapsed(string text) => WhitespaceRun().Replace(text, " ").Trim();

    /// <summary>Doubled spaces and blank lines between lines: the same words and layout, spread out.</summary>
    public static string Spread(string text) => text.Replace(" ", "  ", StringComparison.Ordinal).Replace("\n", "\n\n", StringComparison.Ordinal) + "\n";

    [GeneratedRegex(@"\n\s*\n|(?<=[.!?])\s+")]
    private static partial Regex Boundary();

    [GeneratedRegex(@"\[REDACTED\]|\bXXX+\b|<omitted>", RegexOptions.IgnoreCase)]
    private static partial Regex PlaceholderToken();

    [GeneratedRegex(@"^\s*(\d+[.)]|[-*•])\s+")]
    private static partial Regex ListMarker();

    [GeneratedRegex(@"(?<=[.!?])\s+")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"[ \t]{2,}")]
    private static partial Regex SpaceRun();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRun();
}
