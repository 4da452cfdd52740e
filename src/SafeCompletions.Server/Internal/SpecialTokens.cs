using System.Text.RegularExpressions;

namespace SafeCompletions.Server.Internal;

/// <summary>
/// The special tokens a decoded trainer query holds around the text: BOS and padding before the prompt, end-of-turn,
/// EOS and padding after a turn. Spelled <c>&lt;|name|&gt;</c> (ChatML, Llama 3, Phi-3), <c>&lt;｜name｜&gt;</c> with
/// full-width bars (DeepSeek), or <c>&lt;s&gt;</c>-style names (Llama 2, Mistral, Gemma).
/// </summary>
internal static partial class SpecialTokens
{
    // Before a query's prompt nothing is the model's: any <name> without spaces counts, and U+FFFD (a character that
    // left truncation cut in half).
    private const string Padding = @"<\|[^|<>\s]{1,40}\|>|<｜[^｜<>\s]{1,40}｜>|</?[A-Za-z_][\w.-]{0,31}>|\uFFFD";

    // Around a turn's text only the tokens that open, end or pad a turn: a <b> or a closing </div> or </think> is text.
    private const string Markup = @"<\|[^|<>\s]{1,40}\|>|<｜[^｜<>\s]{1,40}｜>|</s>|<s>|<eos>|<bos>|<pad>|<unk>|<end_of_turn>|\[/SYSTEM_PROMPT\]";

    /// <summary>True when <paramref name="text"/> is special tokens and white space only (or empty).</summary>
    public static bool OnlyPadding(ReadOnlySpan<char> text) => PaddingRun().IsMatch(text);

    /// <summary>How many characters of special tokens and white space <paramref name="text"/> starts with.</summary>
    public static int PaddingLength(string text) => PaddingPrefix().Match(text).Length;

    /// <summary><paramref name="text"/> without the turn markup (end-of-turn, EOS, BOS, padding) and white space at its ends.</summary>
    public static string TrimMarkup(string text) => MarkupAtEnd().Replace(MarkupAtStart().Replace(text, ""), "");

    /// <summary><paramref name="text"/> without the end-of-turn, EOS and padding tokens (and white space) that end it.</summary>
    public static string TrimMarkupEnd(string text) => MarkupAtEnd().Replace(text, "");

    [GeneratedRegex($@"^(?:\s|{Padding})*$")]
    private static partial Regex PaddingRun();

    [GeneratedRegex($@"^(?:\s|{Padding})*")]
    private static partial Regex PaddingPrefix();

    [GeneratedRegex($@"^(?:\s|{Markup})+")]
    private static partial Regex MarkupAtStart();

    [GeneratedRegex($@"(?:\s|{Markup})+$")]
    private static partial Regex MarkupAtEnd();
}
