namespace SafeCompletions.Embedded.Features;

/// <summary>
/// A text's words and how often each occurs: lower-cased runs of letters, digits and underscores of two characters or
/// more (the token rule of scikit-learn's default vectoriser), read over the whole text.
/// </summary>
public static class Terms
{
    public static Dictionary<string, int> Count(string text)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_');
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                if (i - start >= 2)
                {
                    var word = text[start..i].ToLowerInvariant();
                    counts[word] = counts.GetValueOrDefault(word) + 1;
                }
                start = -1;
            }
        }
        return counts;
    }
}
