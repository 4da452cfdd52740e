using System.Text.RegularExpressions;
using SafeCompletions.Contracts;
using SafeCompletions.Models;

namespace SafeCompletions.Server.Internal;

/// <summary>
/// One chat-template family, described by the marker that opens each turn: <see cref="Opener"/> matches it and names
/// the role, in a group <c>role</c> (<c>&lt;|im_start|&gt;user\n</c>) or by which of the groups <c>system</c>, <c>user</c>,
/// <c>assistant</c> matched (<c>[INST]</c>, <c>[/INST]</c>). A turn's content runs to the next opener, without the
/// end-of-turn tokens that close it. The families and their renderings are in <see cref="ChatTemplates"/>.
/// </summary>
internal sealed record ChatTemplate(string Name, Regex Opener)
{
    private static readonly HashSet<string> Roles = ["system", "user", "assistant", "developer", "tool"];

    /// <summary>Roles as the family spells them, where they differ from docs/design.md's (Gemma's <c>model</c>, DeepSeek's <c>User</c>).</summary>
    public IReadOnlyDictionary<string, string> RoleNames { get; init; } = new Dictionary<string, string>();

    /// <summary>Text before the first opener is the system prompt (DeepSeek writes it straight after BOS), not just BOS.</summary>
    public bool LeadingTextIsSystem { get; init; }

    /// <summary>Only prompts of this shape are of the family (for markers that ordinary text may hold, e.g. "User:").</summary>
    public Regex? Shape { get; init; }

    /// <summary>
    /// Undoes what the template itself wrote into a turn: takes out a default system prompt or a date header (no turn
    /// left), or splits a system prompt out of the user turn it was folded into (two turns).
    /// </summary>
    public Func<ChatTurn, IEnumerable<ChatTurn>> Tidy { get; init; } = turn => [turn];

    /// <summary>The conversation the prompt renders, or null when it is not of this family (no user turn found).</summary>
    public IReadOnlyList<ChatTurn>? Conversation(string prompt)
    {
        if (Shape is { } shape && !shape.IsMatch(prompt))
        {
            return null;
        }
        var openers = Opener.Matches(prompt);
        if (openers.Count == 0)
        {
            return null;
        }
        var turns = new List<ChatTurn>();
        if (LeadingTextIsSystem && Clean(prompt[..openers[0].Index]) is { Length: > 0 } system)
        {
            turns.Add(new ChatTurn("system", system));
        }
        for (var i = 0; i < openers.Count; i++)
        {
            var end = i + 1 < openers.Count ? openers[i + 1].Index : prompt.Length;
            var start = openers[i].Index + openers[i].Length;
            if (RoleOf(openers[i]) is { } role)
            {
                turns.AddRange(Tidy(new ChatTurn(role, Clean(prompt[start..end]))).Where(t => !IsEmptyAssistant(t)));
            }
        }
        return turns.Any(t => t.Role == "user") ? turns : null;
    }

    /// <summary>How many assistant turns the text opens, and where the text after the last of them starts.</summary>
    public (int Count, int LastEnd) AssistantOpeners(string text, int upTo = int.MaxValue)
    {
        var (count, lastEnd) = (0, -1);
        foreach (Match opener in Opener.Matches(text))
        {
            if (RoleOf(opener) == "assistant")
            {
                (count, lastEnd) = (count + 1, opener.Index + opener.Length);
                if (count == upTo)
                {
                    break;
                }
            }
        }
        return (count, lastEnd);
    }

    /// <summary>How many user turns open before <paramref name="end"/>.</summary>
    public int UserOpenersBefore(string text, int end) =>
        Opener.Matches(text).Count(m => m.Index < end && RoleOf(m) == "user");

    private string? RoleOf(Match opener)
    {
        var named = opener.Groups["role"] is { Success: true } role ? role.Value
            : opener.Groups["user"].Success ? "user"
            : opener.Groups["assistant"].Success ? "assistant"
            : opener.Groups["system"].Success ? "system"
            : null;
        var mapped = named is null ? null : RoleNames.GetValueOrDefault(named, named);
        return mapped is not null && Roles.Contains(mapped) ? mapped : null;
    }

    /// <summary>The turn's text without the end-of-turn, EOS and padding tokens around it.</summary>
    private static string Clean(string content) => SpecialTokens.TrimMarkup(content);

    // The open assistant turn a prompt ends with (the generation prompt), with any reasoning the template pre-fills
    // (DeepSeek-R1's "<think>\n", Qwen3's empty block), is no turn of the conversation.
    private static bool IsEmptyAssistant(ChatTurn turn) => turn.Role == "assistant" && ReasoningSplitter.FinalAnswer(turn.Content).Length == 0;
}
