using System.Text;

namespace SafeCompletions.Server.Internal;

/// <summary>
/// A text as the comparison of a prompt with a decoded query needs it: Unicode NFC (Qwen's tokenizers normalize so),
/// and the characters that are not white space, each mapped back to its place in the text. White space is what Hugging
/// Face's decode changes (its clean-up drops the space before punctuation and in contractions, "process ?" becoming
/// "process?"; SentencePiece tokenizers add one after a special token, "&lt;s&gt; [INST]"), so texts equal but for white
/// space have the same <see cref="Compact"/>.
/// </summary>
internal sealed class LooseText
{
    private readonly int[] _places;

    private LooseText(string text, string compact, int[] places)
    {
        Text = text;
        Compact = compact;
        _places = places;
    }

    /// <summary>The text, in NFC.</summary>
    public string Text { get; }

    /// <summary>The text without its white space.</summary>
    public string Compact { get; }

    public static LooseText Of(string text)
    {
        var normalized = text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        var compact = new StringBuilder(normalized.Length);
        var places = new List<int>(normalized.Length);
        for (var i = 0; i < normalized.Length; i++)
        {
            if (!char.IsWhiteSpace(normalized[i]))
            {
                compact.Append(normalized[i]);
                places.Add(i);
            }
        }
        return new LooseText(normalized, compact.ToString(), [.. places]);
    }

    /// <summary>The place in <see cref="Text"/> just after the first <paramref name="compactLength"/> characters of <see cref="Compact"/>.</summary>
    public int TextEnd(int compactLength) => compactLength == 0 ? 0 : _places[compactLength - 1] + 1;
}
