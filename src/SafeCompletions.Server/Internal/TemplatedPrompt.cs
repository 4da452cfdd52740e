using System.Text.RegularExpressions;
using SafeCompletions.Contracts;

namespace SafeCompletions.Server.Internal;

/// <summary>
/// Turns a prompt as a trainer templated it back into a conversation, so the grader sees the user's words rather than
/// template markup. Recognised: ChatML (<c>&lt;|im_start|&gt;role\n…&lt;|im_end|&gt;</c>, Qwen and others) and
/// Llama 3 (<c>&lt;|start_header_id|&gt;role&lt;|end_header_id|&gt;\n\n…&lt;|eot_id|&gt;</c>). Anything else is one user turn
/// holding the whole text. The empty assistant turn that opens the generation is dropped.
/// </summary>
internal static partial class TemplatedPrompt
{
    private static readonly HashSet<string> Roles = ["system", "user", "assistant", "developer", "tool"];

    public static IReadOnlyList<ChatTurn> Conversation(string prompt)
    {
        foreach (var format in new[] { ChatMl(), Llama3() })
        {
            var turns = format.Matches(prompt)
                .Select(m => new ChatTurn(m.Groups["role"].Value, m.Groups["content"].Value.Trim()))
                .Where(t => Roles.Contains(t.Role) && !(t.Role == "assistant" && t.Content.Length == 0))
                .ToList();
            if (turns.Any(t => t.Role == "user"))
            {
                return turns;
            }
        }
        return [new ChatTurn("user", prompt)];
    }

    [GeneratedRegex(@"<\|im_start\|>(?<role>[a-z]+)\n(?<content>.*?)(?:<\|im_end\|>|$)", RegexOptions.Singleline)]
    private static partial Regex ChatMl();

    [GeneratedRegex(@"<\|start_header_id\|>(?<role>[a-z]+)<\|end_header_id\|>(?<content>.*?)(?:<\|eot_id\|>|$)", RegexOptions.Singleline)]
    private static partial Regex Llama3();
}
