using System.Text.Json;
using System.Text.Json.Nodes;
using Tokenizers.DotNet;

namespace SafeCompletions.Training.Chat;

/// <summary>
/// A model's own tokenizer (tokenizer.json, run by Hugging Face's Rust tokenizers), its chat template and special
/// tokens (tokenizer_config.json, or chat_template.jinja beside it) and the tokens that end a turn
/// (generation_config.json's <c>eos_token_id</c> and the tokenizer's <c>eos_token</c>).
/// </summary>
public sealed class ModelTokenizer : IDisposable
{
    private readonly Tokenizer _tokenizer;
    private readonly uint[] _addedPrefix;

    private ModelTokenizer(Tokenizer tokenizer, ChatTemplate template, Dictionary<string, string?> specials, HashSet<int> endOfTurn)
    {
        _tokenizer = tokenizer;
        // The wrapper may add the tokenizer's own special tokens (a BOS) to every encoding; chat templates write their
        // own, as transformers' apply_chat_template (add_special_tokens=False) expects, so what it adds is removed.
        _addedPrefix = tokenizer.Encode("");
        Template = template;
        SpecialTokens = specials;
        if (specials.GetValueOrDefault("eos_token") is { } eos && Encode(eos) is [var id])
        {
            endOfTurn.Add(id);
        }
        EndOfTurn = endOfTurn;
    }

    public ChatTemplate Template { get; }

    /// <summary><c>bos_token</c>, <c>eos_token</c>, <c>pad_token</c>, <c>unk_token</c> as the template sees them.</summary>
    public IReadOnlyDictionary<string, string?> SpecialTokens { get; }

    /// <summary>Ids that end the assistant's turn: generation stops there, and training targets end with one.</summary>
    public IReadOnlySet<int> EndOfTurn { get; }

    public static ModelTokenizer Load(string directory)
    {
        var tokenizerPath = Path.Combine(directory, "tokenizer.json");
        var configPath = Path.Combine(directory, "tokenizer_config.json");
        if (!File.Exists(tokenizerPath))
        {
            throw new FileNotFoundException($"no tokenizer.json at {tokenizerPath}", tokenizerPath);
        }
        var config = ReadJson(configPath) ?? throw new FileNotFoundException($"no tokenizer_config.json at {configPath}", configPath);
        var templatePath = Path.Combine(directory, "chat_template.jinja");
        var source = File.Exists(templatePath) ? File.ReadAllText(templatePath) : TemplateText(config["chat_template"], configPath);
        ChatTemplate template;
        try
        {
            template = ChatTemplate.Parse(source);
        }
        catch (Jinja.TemplateException unsupported)
        {
            throw new InvalidDataException($"{(File.Exists(templatePath) ? templatePath : configPath)}: chat_template: {unsupported.Message}", unsupported);
        }
        var specials = new[] { "bos_token", "eos_token", "pad_token", "unk_token" }.ToDictionary(n => n, n => TokenText(config[n]));
        var endOfTurn = new HashSet<int>();
        if (ReadJson(Path.Combine(directory, "generation_config.json"))?["eos_token_id"] is { } eos)
        {
            endOfTurn.UnionWith(eos is JsonArray ids ? ids.Select(i => i!.GetValue<int>()) : [eos.GetValue<int>()]);
        }
        Tokenizer tokenizer;
        try
        {
            tokenizer = new Tokenizer(tokenizerPath);
        }
        catch (Exception ex) when (ex is TokenizerException or InvalidOperationException)
        {
            throw new InvalidDataException($"{tokenizerPath}: the tokenizer does not load: {ex.Message}", ex);
        }
        return new ModelTokenizer(tokenizer, template, specials, endOfTurn);
    }

    public int[] Encode(string text)
    {
        var ids = _tokenizer.Encode(text);
        var skip = ids.AsSpan().StartsWith(_addedPrefix) ? _addedPrefix.Length : 0;
        return [.. ids.Skip(skip).Select(i => (int)i)];
    }

    /// <summary>The text of <paramref name="ids"/>, special tokens left out.</summary>
    public string Decode(IEnumerable<int> ids) => _tokenizer.Decode([.. ids.Select(i => (uint)i)]);

    /// <summary>The conversation rendered by the model's template and tokenized.</summary>
    public int[] EncodeChat(IEnumerable<TemplateMessage> messages, bool addGenerationPrompt) =>
        Encode(Template.Render(messages, addGenerationPrompt, SpecialTokens));

    private static JsonObject? ReadJson(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(File.ReadAllText(path))?.AsObject();
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: not JSON: {ex.Message}", ex);
        }
    }

    /// <summary>A chat template is a string, or a list of named templates of which "default" is the chat one.</summary>
    private static string TemplateText(JsonNode? node, string path) => node switch
    {
        JsonValue v => v.GetValue<string>(),
        JsonArray named => named.FirstOrDefault(t => t?["name"]?.GetValue<string>() == "default")?["template"]?.GetValue<string>()
            ?? throw new InvalidDataException($"{path}: chat_template: no template named default"),
        _ => throw new InvalidDataException($"{path}: chat_template: missing; the model has no chat template to render conversations with"),
    };

    /// <summary>A special token is its text, or an object with its content (older tokenizer_config.json files).</summary>
    private static string? TokenText(JsonNode? node) => node switch
    {
        JsonValue v => v.GetValue<string>(),
        JsonObject o => o["content"]?.GetValue<string>(),
        _ => null,
    };

    public void Dispose() => _tokenizer.Dispose();
}
