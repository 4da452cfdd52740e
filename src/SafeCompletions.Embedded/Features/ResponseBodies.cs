using System.Text.RegularExpressions;

namespace SafeCompletions.Embedded.Features;

/// <summary>
/// The parts of a response that framing can hide behind: the response without its first paragraph, and without its
/// first and last. A refusal, an apology, harmless padding or a story's narrator put before operational content, or a
/// fictional ending after it, sit in those paragraphs; the grader reads the body on its own too, so that the frame
/// cannot average the content away (issue 12: judge a response by its most harmful part).
/// </summary>
public static partial class ResponseBodies
{
    /// <summary>A body shorter than this is too little to judge on its own (a sign-off, a one-line redirection).</summary>
    public const int MinWords = 12;

    /// <summary>At most two bodies: from the second paragraph on, and (with three or more) the second to the last but one.</summary>
    public static IReadOnlyList<string> Of(string response)
    {
        var paragraphs = ParagraphBreak().Split(response.Trim()).Where(p => p.Trim().Length > 0).ToList();
        if (paragraphs.Count < 2)
        {
            return [];
        }
        var bodies = new List<string> { string.Join("\n\n", paragraphs.Skip(1)) };
        if (paragraphs.Count >= 3)
        {
            bodies.Add(string.Join("\n\n", paragraphs.Skip(1).Take(paragraphs.Count - 2)));
        }
        return [.. bodies.Where(b => SignalExtractor.WordCount(b) >= MinWords)];
    }

    [GeneratedRegex(@"\n[ \t]*\n\s*")]
    private static partial Regex ParagraphBreak();
}
