namespace SafeCompletions.Server.Internal;

/// <summary>
/// Recovers the response from an OpenRLHF query: the prompt and the response as the trainer rendered them with the
/// chat template, tokenized, generated and decoded back to text. The response starts where the prompt ends, which is
/// found, in order:
/// <list type="number">
/// <item>the whole prompt, after nothing but BOS, padding and white space, compared loosely (<see cref="LooseText"/>:
/// Unicode NFC, white space ignored, since Hugging Face's decode clean-up drops the space before punctuation);</item>
/// <item>else a left-truncated prompt: the query starts with the prompt's last part (at least 32 characters that are
/// not white space), as when the trainer cut a long prompt's first tokens to fit its length limit;</item>
/// <item>else, for a prompt in a known chat template (<see cref="ChatTemplates"/>), after the query's assistant turn
/// marker that corresponds to the prompt's last (the same count of assistant markers from the start, with the same
/// user turns before it).</item>
/// </list>
/// Never at a marker the response writes itself: a response that prints "&lt;|im_start|&gt;assistant" to hide its first
/// part from the grader is graded whole. The end-of-turn, EOS and padding tokens that end the response are dropped (the
/// model did not write them as text); a query that fits none of the above is not split (the item is unscored).
/// </summary>
internal static class OpenRlhfQuery
{
    /// <summary>The shortest part of a truncated prompt that counts as found (characters other than white space).</summary>
    public const int MinimumTruncatedPrompt = 32;

    /// <summary>The response, or null when the query cannot be told apart from its prompt.</summary>
    /// <param name="query">The query as decoded: prompt, response and the tokens around them.</param>
    /// <param name="prompt">The prompt as the trainer rendered it.</param>
    /// <param name="compactPrompt">The prompt's <see cref="LooseText.Compact"/>, when the caller has it already.</param>
    public static string? Response(string query, string prompt, string? compactPrompt = null)
    {
        var loose = LooseText.Of(query);
        compactPrompt ??= LooseText.Of(prompt).Compact;
        var end = WholePromptEnd(loose, compactPrompt) ?? TruncatedPromptEnd(loose, compactPrompt) ?? TemplateEnd(loose.Text, prompt);
        return end is { } at ? SpecialTokens.TrimMarkupEnd(loose.Text[at..]).Trim() : null;
    }

    private static int? WholePromptEnd(LooseText query, string prompt)
    {
        var at = query.Compact.IndexOf(prompt, StringComparison.Ordinal);
        return at >= 0 && SpecialTokens.OnlyPadding(query.Compact.AsSpan(0, at)) ? query.TextEnd(at + prompt.Length) : null;
    }

    private static int? TruncatedPromptEnd(LooseText query, string prompt)
    {
        var start = SpecialTokens.PaddingLength(query.Compact);
        var window = query.Compact.AsSpan(start, Math.Min(prompt.Length, query.Compact.Length - start));
        var overlap = LongestSuffixThatStarts(prompt, window);
        return overlap >= MinimumTruncatedPrompt && overlap < prompt.Length ? query.TextEnd(start + overlap) : null;
    }

    /// <summary>The length of the longest end of <paramref name="text"/> that <paramref name="window"/> starts with (Knuth–Morris–Pratt, linear).</summary>
    internal static int LongestSuffixThatStarts(ReadOnlySpan<char> text, ReadOnlySpan<char> window)
    {
        if (window.IsEmpty)
        {
            return 0;
        }
        var failure = new int[window.Length];
        for (int i = 1, k = 0; i < window.Length; i++)
        {
            while (k > 0 && window[i] != window[k])
            {
                k = failure[k - 1];
            }
            failure[i] = window[i] == window[k] ? ++k : k;
        }
        var matched = 0;
        foreach (var c in text)
        {
            while (matched > 0 && (matched == window.Length || c != window[matched]))
            {
                matched = failure[matched - 1];
            }
            if (c == window[matched])
            {
                matched++;
            }
        }
        return matched;
    }

    private static int? TemplateEnd(string query, string prompt)
    {
        if (ChatTemplates.Detect(prompt) is not var (template, _))
        {
            return null;
        }
        var (count, promptEnd) = template.AssistantOpeners(prompt);
        // The prompt must end by opening the assistant's turn (what follows it is pre-filled reasoning at most).
        if (count == 0 || SpecialTokens.TrimMarkup(Models.ReasoningSplitter.FinalAnswer(prompt[promptEnd..])).Length > 0)
        {
            return null;
        }
        var (found, end) = template.AssistantOpeners(query, upTo: count);
        return found == count && template.UserOpenersBefore(query, end) == template.UserOpenersBefore(prompt, promptEnd) ? end : null;
    }
}
