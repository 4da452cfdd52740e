namespace SafeCompletions.Embedded.Features;

/// <summary>
/// Splits a response into windows of words so the whole of it is seen: the opening window (where a model accepts or
/// declines) and the most operational later window (where steps, quantities or code sit, however deep inside).
/// The encoder reads those two; the signals read every window.
/// </summary>
public static class ResponseWindows
{
    /// <summary>Words per window: about 40 encoder tokens, short enough for the encoder to keep up with 60 pairs/s on 2 cores.</summary>
    public const int WindowWords = 32;

    /// <summary>
    /// The opening window and a second one: the most operational later window when one looks more operational than
    /// the opening, else the middle window of a response of three windows or more (where the substance of an essay
    /// or an article sits), unless the response opens by declining, when its later words are explanation the signals
    /// already read (this saves the encoder a third of its work on refusal-heavy data).
    /// </summary>
    public static (string Opening, string? Focus) Select(string response)
    {
        var windows = Split(response);
        if (windows.Count == 0)
        {
            return ("", null);
        }
        var openingScore = SignalExtractor.OperationalScore(windows[0]);
        string? focus = null;
        var best = openingScore;
        for (var i = 1; i < windows.Count; i++)
        {
            var score = SignalExtractor.OperationalScore(windows[i]);
            if (score > best)
            {
                best = score;
                focus = windows[i];
            }
        }
        return (windows[0], focus ?? (windows.Count >= 3 && !SignalExtractor.OpensWithRefusal(windows[0]) ? windows[windows.Count / 2] : null));
    }

    /// <summary>Consecutive windows of <see cref="WindowWords"/> words, keeping line breaks inside a window.</summary>
    public static IReadOnlyList<string> Split(string text)
    {
        var windows = new List<string>();
        var start = -1;
        var words = 0;
        var inWord = false;
        for (var i = 0; i < text.Length; i++)
        {
            var isSpace = char.IsWhiteSpace(text[i]);
            if (!isSpace && !inWord)
            {
                if (start < 0)
                {
                    start = i;
                }
                if (words == WindowWords)
                {
                    windows.Add(text[start..i].Trim());
                    start = i;
                    words = 0;
                }
                words++;
            }
            inWord = !isSpace;
        }
        if (start >= 0)
        {
            windows.Add(text[start..].Trim());
        }
        return windows;
    }

    /// <summary>A prompt cut to its first and last words, where requests usually state what they want.</summary>
    public static string PromptGist(string prompt, int keepWords = 24)
    {
        var words = prompt.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return words.Length <= keepWords * 2 ? prompt.Trim() : string.Join(' ', words[..keepWords]) + " … " + string.Join(' ', words[^keepWords..]);
    }
}
