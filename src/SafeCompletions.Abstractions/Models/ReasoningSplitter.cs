using System.Text.RegularExpressions;

namespace SafeCompletions.Models;

/// <summary>
/// Separates a reply's chain of thought from its answer when both are in the text: the one place that decides what is
/// reasoning, for every path to a grader (a <see cref="Grading.GradeRequest"/> holds only <see cref="FinalAnswer"/>)
/// and for what eval and sft store apart. The shapes reasoning models emit:
/// <list type="bullet">
/// <item>a leading <c>&lt;think&gt;…&lt;/think&gt;</c> block (DeepSeek-R1, Qwen3 thinking), or several;</item>
/// <item>Qwen3's empty block, <c>&lt;think&gt;\n\n&lt;/think&gt;\n\n</c>, with thinking switched off;</item>
/// <item>text ending in a lone <c>&lt;/think&gt;</c>, which is what Qwen3 and DeepSeek-R1 chat templates produce when they
/// put the opening tag into the prompt themselves;</item>
/// <item>an unclosed leading <c>&lt;think&gt;</c>: the model ran out of tokens while reasoning, so there is no answer.</item>
/// </list>
/// A <c>&lt;think&gt;</c> anywhere else is part of the answer.
/// </summary>
public static partial class ReasoningSplitter
{
    private const string Open = "<think>";
    private const string Close = "</think>";

    /// <summary>The answer (trimmed) and the reasoning (trimmed; empty for an empty block), or the whole text and null when there is no reasoning.</summary>
    public static (string Answer, string? Reasoning) Split(string text)
    {
        if (LeadingBlocks().Match(text) is { Success: true } blocks)
        {
            var reasoning = string.Join("\n\n", blocks.Groups[1].Captures.Select(c => c.Value.Trim()).Where(r => r.Length > 0));
            return (text[blocks.Length..].Trim(), reasoning);
        }
        var start = text.AsSpan().TrimStart();
        if (start.StartsWith(Open, StringComparison.Ordinal))
        {
            return ("", start[Open.Length..].Trim().ToString());
        }
        var close = text.IndexOf(Close, StringComparison.Ordinal);
        if (close >= 0 && !text.AsSpan(0, close).Contains(Open, StringComparison.Ordinal))
        {
            return (text[(close + Close.Length)..].Trim(), text[..close].Trim());
        }
        return (text.Trim(), null);
    }

    /// <summary>
    /// What a grader may see of a response: the answer when the text holds reasoning, else the text unchanged (not even
    /// trimmed, so that a response without reasoning keeps its verdict-cache key).
    /// </summary>
    public static string FinalAnswer(string text) =>
        text.Contains("think>", StringComparison.Ordinal) && Split(text) is (var answer, not null) ? answer : text;

    [GeneratedRegex(@"^(?:\s*<think>(.*?)</think>)+", RegexOptions.Singleline)]
    private static partial Regex LeadingBlocks();
}
