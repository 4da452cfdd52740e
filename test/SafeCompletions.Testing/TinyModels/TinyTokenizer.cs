using System.Text.Json;
using System.Text.Json.Nodes;

namespace SafeCompletions.Testing.TinyModels;

/// <summary>
/// A byte-level BPE vocabulary in Hugging Face's tokenizer.json format (the GPT-2 byte alphabet, a handful of English
/// merges, and the special tokens of both chat families), with the chat templates those families ship.
/// </summary>
public static class TinyTokenizer
{
    public static readonly string[] Specials =
        ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|begin_of_text|>", "<|end_of_text|>", "<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>"];

    private static readonly (string Left, string Right)[] Merges =
        [("Ġ", "t"), ("h", "e"), ("i", "n"), ("e", "r"), ("a", "n"), ("o", "n"), ("Ġ", "a"), ("Ġt", "he"), ("r", "e"), ("l", "l"), ("Ġ", "s"), ("o", "u")];

    /// <summary>Qwen2-Instruct's ChatML template, with the assistant's thinking rendered the way Qwen3's template does.</summary>
    public const string ChatMlTemplate =
        "{% for message in messages %}{% if loop.first and messages[0]['role'] != 'system' %}{{ '<|im_start|>system\\nYou are a helpful assistant.<|im_end|>\\n' }}{% endif %}" +
        "{{'<|im_start|>' + message['role'] + '\\n'}}{% if message['role'] == 'assistant' and message.thinking is defined and message.thinking %}{{ '<think>\\n' + message.thinking.strip() + '\\n</think>\\n\\n' }}{% endif %}" +
        "{{ message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    /// <summary>Meta-Llama-3-8B-Instruct's template, verbatim.</summary>
    public const string Llama3Template =
        "{% set loop_messages = messages %}{% for message in loop_messages %}{% set content = '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n'+ message['content'] | trim + '<|eot_id|>' %}" +
        "{% if loop.index0 == 0 %}{% set content = bos_token + content %}{% endif %}{{ content }}{% endfor %}{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\\n\\n' }}{% endif %}";

    /// <summary>The GPT-2 byte-to-character alphabet, by byte value.</summary>
    public static string[] ByteAlphabet()
    {
        var direct = Enumerable.Range('!', '~' - '!' + 1).Concat(Enumerable.Range('¡', '¬' - '¡' + 1)).Concat(Enumerable.Range('®', 'ÿ' - '®' + 1)).ToHashSet();
        var alphabet = new string[256];
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            alphabet[b] = ((char)(direct.Contains(b) ? b : next++)).ToString();
        }
        return alphabet;
    }

    /// <summary>Every token in id order: the 256 bytes, the merges' results, then <see cref="Specials"/>.</summary>
    public static IReadOnlyList<string> Tokens() => [.. ByteAlphabet(), .. Merges.Select(m => m.Left + m.Right), .. Specials];

    public static IReadOnlyList<string> MergeRules() => [.. Merges.Select(m => $"{m.Left} {m.Right}")];

    public static int IdOf(string token) => Tokens().ToList().IndexOf(token) is var id and >= 0 ? id : throw new ArgumentException(token);

    public static string TokenizerJson()
    {
        var tokens = Tokens();
        var vocab = new JsonObject();
        foreach (var (token, id) in tokens.Select((t, i) => (t, i)).Where(p => !Specials.Contains(p.t)))
        {
            vocab[token] = id;
        }
        var added = new JsonArray([.. Specials.Select(s => (JsonNode)new JsonObject
        {
            ["id"] = IdOf(s), ["content"] = s, ["single_word"] = false, ["lstrip"] = false, ["rstrip"] = false, ["normalized"] = false, ["special"] = true,
        })]);
        JsonObject ByteLevel(bool prefix, bool trim) => new() { ["type"] = "ByteLevel", ["add_prefix_space"] = prefix, ["trim_offsets"] = trim, ["use_regex"] = true };
        var root = new JsonObject
        {
            ["version"] = "1.0",
            ["truncation"] = null,
            ["padding"] = null,
            ["added_tokens"] = added,
            ["normalizer"] = null,
            ["pre_tokenizer"] = ByteLevel(false, true),
            ["post_processor"] = ByteLevel(true, false),
            ["decoder"] = ByteLevel(true, true),
            ["model"] = new JsonObject
            {
                ["type"] = "BPE", ["dropout"] = null, ["unk_token"] = null, ["continuing_subword_prefix"] = null, ["end_of_word_suffix"] = null,
                ["fuse_unk"] = false, ["byte_fallback"] = false, ["ignore_merges"] = false,
                ["vocab"] = vocab,
                ["merges"] = new JsonArray([.. MergeRules().Select(m => (JsonNode)m!)]),
            },
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }

    /// <summary>tokenizer_config.json: the family's special tokens and chat template.</summary>
    public static string TokenizerConfigJson(TinyChatFamily family, string? template = null) => new JsonObject
    {
        ["add_bos_token"] = false,
        ["bos_token"] = family == TinyChatFamily.Llama3 ? "<|begin_of_text|>" : null,
        ["eos_token"] = family == TinyChatFamily.Llama3 ? "<|eot_id|>" : "<|im_end|>",
        ["pad_token"] = "<|endoftext|>",
        ["model_max_length"] = 512,
        ["chat_template"] = template ?? (family == TinyChatFamily.Llama3 ? Llama3Template : ChatMlTemplate),
    }.ToJsonString();

    /// <summary>The tokens that end an assistant turn, as generation_config.json lists them.</summary>
    public static int[] EndOfTurnIds(TinyChatFamily family) =>
        family == TinyChatFamily.Llama3 ? [IdOf("<|eot_id|>"), IdOf("<|end_of_text|>")] : [IdOf("<|im_end|>"), IdOf("<|endoftext|>")];
}
