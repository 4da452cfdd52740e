using System.Text.RegularExpressions;

namespace SafeCompletions.Models;

/// <summary>
/// Separates a reply's chain of thought from its answer when the server returned both in the text. Two shapes are
/// read: a leading <c>&lt;think&gt;…&lt;/think&gt;</c> block, and text ending in a lone <c>&lt;/think&gt;</c>, which
/// is what Qwen3 and DeepSeek-R1 chat templates produce when they put the opening tag into the prompt themselves.
/// </summary>
public static partial class ReasoningSplitter
{
    public static (string Answer, string? Reasoning) Split(string text)
    {
        if (ThinkBlock().Match(text) is { Success: true } block)
        {
            return (text[block.Length..].Trim(), block.Groups[1].Value.Trim());
        }
        var close = text.IndexOf("</think>", StringComparison.Ordinal);
        if (close >= 0 && !text.AsSpan(0, close).Contains("<think>", StringComparison.Ordinal))
        {
            return (text[(close + "</think>".Length)..].Trim(), text[..close].Trim());
        }
        return (text.Trim(), null);
    }

    [GeneratedRegex(@"^\s*<think>(.*?)</think>", RegexOptions.Singleline)]
    private static partial Regex ThinkBlock();
}
