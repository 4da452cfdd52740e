using SafeCompletions.Contracts;

namespace SafeCompletions.Server.Tests;

/// <summary>
/// One conversation rendered by the chat templates of the model families RL trainers use, written out exactly as each
/// model's tokenizer_config.json chat template renders it with the generation prompt (the prompt OpenRLHF sends), and
/// the query as OpenRLHF decodes it (prompt + response + end-of-turn tokens; skip_special_tokens=False).
/// </summary>
public static class TemplateRenderings
{
    public const string System = "You are a careful assistant.";
    public const string User = "How do phishing kits work?";
    public const string Answer = "They copy a bank's login page and mail out links to it. Check the address bar, and report the e-mail.";
    public const string Thinking = "The user asks how phishing kits work; the policy allows a high-level answer.";

    /// <summary>A family's prompt, its decoded query, and the conversation and response a grader should see.</summary>
    public sealed record Rendering(string Family, string Prompt, string Query, IReadOnlyList<ChatTurn> Conversation, string Response)
    {
        public override string ToString() => Family;
    }

    private static readonly ChatTurn[] SystemAndUser = [new("system", System), new("user", User)];
    private static readonly ChatTurn[] UserOnly = [new("user", User)];

    public static IReadOnlyList<Rendering> All { get; } =
    [
        // meta-llama/Llama-2-7b-chat-hf. SentencePiece's decode puts a space after <s>.
        new("Llama 2",
            "<s>[INST] <<SYS>>\nYou are a careful assistant.\n<</SYS>>\n\nHow do phishing kits work? [/INST]",
            $"<s> [INST] <<SYS>>\nYou are a careful assistant.\n<</SYS>>\n\nHow do phishing kits work? [/INST] {Answer}</s>",
            SystemAndUser, Answer),
        // meta-llama/Meta-Llama-3-8B-Instruct.
        new("Llama 3",
            "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nYou are a careful assistant.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nHow do phishing kits work?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n",
            $"<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nYou are a careful assistant.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nHow do phishing kits work?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n{Answer}<|eot_id|>",
            SystemAndUser, Answer),
        // meta-llama/Llama-3.1-8B-Instruct, no system message: the template writes its own system turn with the dates.
        new("Llama 3.1",
            "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nCutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\n<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nHow do phishing kits work?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n",
            $"<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nCutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\n<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nHow do phishing kits work?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n{Answer}<|eot_id|>",
            UserOnly, Answer),
        new("Llama 3.1 with a system message",
            "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nCutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\nYou are a careful assistant.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nHow do phishing kits work?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n",
            $"<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nCutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\nYou are a careful assistant.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nHow do phishing kits work?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n{Answer}<|eot_id|>",
            SystemAndUser, Answer),
        // Qwen/Qwen2.5-7B-Instruct, no system message: the template adds its default one. Padded on the right.
        new("Qwen2.5",
            "<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n<|im_start|>user\nHow do phishing kits work?<|im_end|>\n<|im_start|>assistant\n",
            $"<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n<|im_start|>user\nHow do phishing kits work?<|im_end|>\n<|im_start|>assistant\n{Answer}<|im_end|><|endoftext|><|endoftext|>",
            UserOnly, Answer),
        // Qwen/Qwen3-8B, thinking on (the default): the model opens the think block itself.
        new("Qwen3",
            "<|im_start|>system\nYou are a careful assistant.<|im_end|>\n<|im_start|>user\nHow do phishing kits work?<|im_end|>\n<|im_start|>assistant\n",
            $"<|im_start|>system\nYou are a careful assistant.<|im_end|>\n<|im_start|>user\nHow do phishing kits work?<|im_end|>\n<|im_start|>assistant\n<think>\n{Thinking}\n</think>\n\n{Answer}<|im_end|>",
            SystemAndUser, Answer),
        // Qwen/Qwen3-8B with enable_thinking=False: the template writes an empty think block.
        new("Qwen3, thinking off",
            "<|im_start|>user\nHow do phishing kits work?<|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n",
            $"<|im_start|>user\nHow do phishing kits work?<|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n{Answer}<|im_end|>",
            UserOnly, Answer),
        // mistralai/Mistral-7B-Instruct-v0.1 and v0.2 (their current template).
        new("Mistral v0.2",
            "<s> [INST] How do phishing kits work? [/INST]",
            $"<s> [INST] How do phishing kits work? [/INST] {Answer}</s>",
            UserOnly, Answer),
        // mistralai/Mistral-7B-Instruct-v0.3.
        new("Mistral v0.3",
            "<s>[INST] How do phishing kits work?[/INST]",
            $"<s>[INST] How do phishing kits work?[/INST] {Answer}</s>",
            UserOnly, Answer),
        // google/gemma-2-9b-it (no system role).
        new("Gemma 2",
            "<bos><start_of_turn>user\nHow do phishing kits work?<end_of_turn>\n<start_of_turn>model\n",
            $"<bos><start_of_turn>user\nHow do phishing kits work?<end_of_turn>\n<start_of_turn>model\n{Answer}<end_of_turn>\n<eos>",
            UserOnly, Answer),
        // microsoft/Phi-3-mini-4k-instruct.
        new("Phi-3",
            "<|system|>\nYou are a careful assistant.<|end|>\n<|user|>\nHow do phishing kits work?<|end|>\n<|assistant|>\n",
            $"<|system|>\nYou are a careful assistant.<|end|>\n<|user|>\nHow do phishing kits work?<|end|>\n<|assistant|>\n{Answer}<|end|><|endoftext|>",
            SystemAndUser, Answer),
        // deepseek-ai/DeepSeek-R1 (and its distills): the template opens the think block in the prompt.
        new("DeepSeek-R1",
            "<｜begin▁of▁sentence｜>You are a careful assistant.<｜User｜>How do phishing kits work?<｜Assistant｜><think>\n",
            $"<｜begin▁of▁sentence｜>You are a careful assistant.<｜User｜>How do phishing kits work?<｜Assistant｜><think>\n{Thinking}\n</think>\n\n{Answer}<｜end▁of▁sentence｜>",
            SystemAndUser, Answer),
        // OpenRLHF's --input_template $'User: {}\nAssistant: ' (a base model's EOS after the answer).
        new("input_template",
            "User: How do phishing kits work?\nAssistant: ",
            $"User: How do phishing kits work?\nAssistant: {Answer}</s>",
            UserOnly, Answer),
        // A prompt with no template at all.
        new("plain",
            "How do phishing kits work?",
            $"How do phishing kits work? {Answer}<|endoftext|>",
            UserOnly, Answer),
    ];

    /// <summary>The families, for a theory (by name, so that each shows as its own case).</summary>
    public static TheoryData<string> Families() => [.. All.Select(r => r.Family)];

    public static Rendering Of(string family) => All.Single(r => r.Family == family);
}
