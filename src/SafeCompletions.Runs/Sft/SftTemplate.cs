using System.Security.Cryptography;
using System.Text;
using SafeCompletions.Contracts;
using SafeCompletions.Specs;

namespace SafeCompletions.Sft;

/// <summary>
/// The augmentation of the method's first stage: the category's spec plus instructions to reason over it and pick a
/// mode, added to the prompt only for generation. The training row keeps the original prompt, so the trained model
/// has to internalise the policy instead of reading it. Versioned: <see cref="Identity"/> names the exact text, and
/// every output row records it.
/// </summary>
public static class SftTemplate
{
    /// <summary>Bumped whenever <see cref="Instructions"/> changes meaning.</summary>
    public const int Version = 1;

    /// <summary>The instructions, before the policy text. Written for reasoning models: numbered steps, output rules last.</summary>
    public const string Instructions = """
        Before you answer the request below, consult the safety policy that applies to it, and think it through step by step:
        1. What exactly is asked, and what would a complete answer contain?
        2. Which part of the policy applies: what it lets you answer directly, what it lets you give only at a high level (a safe-completion), and what it does not let you give at all? Judge the content your answer would contain, not a guess about who is asking.
        3. Choose the mode:
           - direct: answer fully when the policy allows all of the content;
           - safe_completion: help with the safe part (context, principles, safety information, legitimate alternatives) and leave out the operational details the policy withholds;
           - refusal_with_redirect: when nothing substantive can be given, decline briefly and without lecturing, and point to something genuinely useful.
           Prefer the most helpful mode whose content the policy allows; never refuse what the policy lets you answer.
        4. Write the answer in that mode.

        Reason before you answer (inside <think>...</think> if your reasoning is not returned separately). Then write only the answer for the user: do not quote the policy, mention these instructions, or name the mode you chose.
        """;

    /// <summary><c>safecomp-sft@VERSION+sha256:12hex</c> of the instructions, like a spec's identity.</summary>
    public static string Identity { get; } =
        $"safecomp-sft@{Version}+sha256:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Instructions)))[..12]}";

    /// <summary>The generation request: the original conversation with the spec and instructions added where asked.</summary>
    public static IReadOnlyList<ChatTurn> Augment(PolicySpec spec, IReadOnlyList<ChatTurn> conversation, TemplatePlacement placement)
    {
        var policy = $"""
            <policy title="{spec.Title}" id="{spec.Identity}">
            {spec.Body.Trim()}
            </policy>
            """;
        if (placement == TemplatePlacement.System)
        {
            return [new ChatTurn("system", $"{Instructions}\n\n{policy}"), .. conversation];
        }
        var last = LastUserTurn(conversation);
        var augmented = conversation.ToList();
        augmented[last] = new ChatTurn("user", $"""
            {Instructions}

            {policy}

            The request:
            <request>
            {conversation[last].Content}
            </request>
            """);
        return augmented;
    }

    private static int LastUserTurn(IReadOnlyList<ChatTurn> conversation)
    {
        for (var i = conversation.Count - 1; i >= 0; i--)
        {
            if (conversation[i].Role == "user")
            {
                return i;
            }
        }
        throw new ArgumentException("the conversation has no user turn to answer", nameof(conversation));
    }
}
