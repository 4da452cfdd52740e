using System.Text.RegularExpressions;
using SafeCompletions.Contracts;

namespace SafeCompletions.Server.Internal;

/// <summary>
/// The chat templates trainers render prompts with, as those models' tokenizer_config.json chat templates write them
/// (a user turn "Hi", with the generation prompt):
/// <list type="bullet">
/// <item>ChatML, Qwen2.5 and Qwen3: <c>&lt;|im_start|&gt;user\nHi&lt;|im_end|&gt;\n&lt;|im_start|&gt;assistant\n</c> (Qwen2.5
/// adds its default system prompt; Qwen3 with thinking off adds <c>&lt;think&gt;\n\n&lt;/think&gt;\n\n</c>);</item>
/// <item>Llama 3 and 3.1: <c>&lt;|begin_of_text|&gt;&lt;|start_header_id|&gt;user&lt;|end_header_id|&gt;\n\nHi&lt;|eot_id|&gt;&lt;|start_header_id|&gt;assistant&lt;|end_header_id|&gt;\n\n</c>
/// (3.1 always opens with a system turn holding "Cutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024");</item>
/// <item>Llama 2 and Mistral: <c>&lt;s&gt;[INST] &lt;&lt;SYS&gt;&gt;\n…\n&lt;&lt;/SYS&gt;&gt;\n\nHi [/INST]</c>, <c>&lt;s&gt; [INST] Hi [/INST]</c>,
/// <c>&lt;s&gt;[INST] Hi[/INST]</c>, Mistral's newer <c>[SYSTEM_PROMPT]…[/SYSTEM_PROMPT]</c>;</item>
/// <item>Gemma 2: <c>&lt;bos&gt;&lt;start_of_turn&gt;user\nHi&lt;end_of_turn&gt;\n&lt;start_of_turn&gt;model\n</c>;</item>
/// <item>Phi-3: <c>&lt;|user|&gt;\nHi&lt;|end|&gt;\n&lt;|assistant|&gt;\n</c>;</item>
/// <item>DeepSeek-R1 (and V3): <c>&lt;｜begin▁of▁sentence｜&gt;SYSTEM&lt;｜User｜&gt;Hi&lt;｜Assistant｜&gt;&lt;think&gt;\n</c>;</item>
/// <item>plain role labels, as OpenRLHF's <c>--input_template $'User: {}\nAssistant: '</c> and Anthropic's
/// "Human: …\n\nAssistant:" write them (only when the prompt starts with the user's label and ends with the assistant's).</item>
/// </list>
/// </summary>
internal static partial class ChatTemplates
{
    public static readonly IReadOnlyList<ChatTemplate> All =
    [
        new("chatml", ChatMlOpener()) { Tidy = WithoutQwenDefaultSystem },
        new("llama3", Llama3Opener()) { RoleNames = new Dictionary<string, string> { ["ipython"] = "tool" }, Tidy = WithoutLlamaDateHeader },
        new("gemma", GemmaOpener()) { RoleNames = new Dictionary<string, string> { ["model"] = "assistant" } },
        new("phi3", Phi3Opener()),
        new("deepseek", DeepSeekOpener()) { RoleNames = new Dictionary<string, string> { ["User"] = "user", ["Assistant"] = "assistant" }, LeadingTextIsSystem = true },
        new("llama2", InstOpener()) { Tidy = WithLlama2SystemApart },
        new("role-labels", RoleLabelOpener()) { RoleNames = new Dictionary<string, string> { ["User"] = "user", ["Human"] = "user", ["Assistant"] = "assistant" }, Shape = RoleLabelShape() },
    ];

    /// <summary>The family the prompt is rendered in, with its conversation; null for a prompt of none (plain text).</summary>
    public static (ChatTemplate Template, IReadOnlyList<ChatTurn> Conversation)? Detect(string prompt)
    {
        foreach (var template in All)
        {
            if (template.Conversation(prompt) is { } conversation)
            {
                return (template, conversation);
            }
        }
        return null;
    }

    private const string QwenDefaultSystem = "You are Qwen, created by Alibaba Cloud. You are a helpful assistant.";

    private static IEnumerable<ChatTurn> WithoutQwenDefaultSystem(ChatTurn turn) =>
        turn is { Role: "system", Content: QwenDefaultSystem } ? [] : [turn];

    private static IEnumerable<ChatTurn> WithoutLlamaDateHeader(ChatTurn turn) =>
        turn.Role != "system" ? [turn]
        : LlamaDateHeader().Replace(turn.Content, "").Trim() is { Length: > 0 } rest ? [turn with { Content = rest }]
        : [];

    private static IEnumerable<ChatTurn> WithLlama2SystemApart(ChatTurn turn) =>
        turn.Role == "user" && Llama2System().Match(turn.Content) is { Success: true } system
            ? [new ChatTurn("system", system.Groups["system"].Value.Trim()), turn with { Content = turn.Content[system.Length..].Trim() }]
            : [turn];

    [GeneratedRegex(@"<\|im_start\|>(?<role>[a-z]+)\n?")]
    private static partial Regex ChatMlOpener();

    [GeneratedRegex(@"<\|start_header_id\|>(?<role>[a-z]+)<\|end_header_id\|>")]
    private static partial Regex Llama3Opener();

    [GeneratedRegex(@"<start_of_turn>(?<role>user|model|system)\n?")]
    private static partial Regex GemmaOpener();

    [GeneratedRegex(@"<\|(?<role>system|user|assistant)\|>\n?")]
    private static partial Regex Phi3Opener();

    [GeneratedRegex(@"<｜(?<role>User|Assistant)｜>")]
    private static partial Regex DeepSeekOpener();

    [GeneratedRegex(@"(?<user>\[INST\])|(?<assistant>\[/INST\])|(?<system>\[SYSTEM_PROMPT\])")]
    private static partial Regex InstOpener();

    [GeneratedRegex(@"(?:^|\n)[ \t]*(?<role>User|Human|Assistant):[ \t]?")]
    private static partial Regex RoleLabelOpener();

    [GeneratedRegex(@"^\s*(?:User|Human):.*\n[ \t]*Assistant:[ \t]*$", RegexOptions.Singleline)]
    private static partial Regex RoleLabelShape();

    [GeneratedRegex(@"^(?:Environment: ipython\n)?(?:Tools: [^\n]*\n\n)?Cutting Knowledge Date: [^\n]*\nToday Date: [^\n]*(?:\n|$)")]
    private static partial Regex LlamaDateHeader();

    [GeneratedRegex(@"^<<SYS>>\n?(?<system>.*?)\n?<</SYS>>", RegexOptions.Singleline)]
    private static partial Regex Llama2System();
}
