using System.Text.RegularExpressions;

namespace SafeCompletions.Server.Internal;

/// <summary>
/// Recovers the response from an OpenRLHF query (the prompt and the response as the trainer templated and decoded
/// them). The rule, in order: a query that starts with its prompt loses that prefix; a query whose prompt follows
/// only special tokens and white space (padding, BOS: <c>&lt;pad&gt;</c>, <c>&lt;|endoftext|&gt;</c>) loses those and
/// the prompt; any other query is not split (the item is unscored). Special tokens and white space that end the
/// response (EOS, padding) are dropped, since the model did not write them as text.
/// </summary>
internal static partial class OpenRlhfQuery
{
    /// <summary>The response, or null when the query does not hold its prompt at its start.</summary>
    public static string? Response(string query, string prompt)
    {
        int start;
        if (query.StartsWith(prompt, StringComparison.Ordinal))
        {
            start = prompt.Length;
        }
        else
        {
            var at = prompt.Length == 0 ? -1 : query.IndexOf(prompt, StringComparison.Ordinal);
            if (at < 0 || !OnlySpecialTokens().IsMatch(query.AsSpan(0, at)))
            {
                return null;
            }
            start = at + prompt.Length;
        }
        return TrailingSpecialTokens().Replace(query[start..], "");
    }

    // A special token: <|name|>, or <name> / </name> without spaces (e.g. <s>, </s>, <pad>, <eos>), at most 32 characters.
    private const string SpecialToken = @"<\|[^|<>\s]{1,32}\|>|</?[A-Za-z_][\w.-]{0,31}>";

    [GeneratedRegex($@"^(?:\s|{SpecialToken})*$")]
    private static partial Regex OnlySpecialTokens();

    [GeneratedRegex($@"(?:\s|{SpecialToken})+$")]
    private static partial Regex TrailingSpecialTokens();
}
