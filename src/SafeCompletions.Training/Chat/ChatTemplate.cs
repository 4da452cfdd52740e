using SafeCompletions.Training.Chat.Jinja;

namespace SafeCompletions.Training.Chat;

/// <summary>
/// A model's own chat template (tokenizer_config.json's <c>chat_template</c>, or chat_template.jinja), run by this
/// project's interpreter of the Jinja subset chat templates use, with the settings Hugging Face renders them under
/// (trim_blocks, lstrip_blocks, loop controls, <c>raise_exception</c>, its <c>tojson</c>). A template outside the
/// subset fails when it is parsed, naming the construct, rather than rendering a guess.
/// </summary>
public sealed class ChatTemplate
{
    private readonly IReadOnlyList<Node> _nodes;

    private ChatTemplate(string source, IReadOnlyList<Node> nodes)
    {
        Source = source;
        _nodes = nodes;
    }

    public string Source { get; }

    /// <summary>Parses <paramref name="source"/>; throws <see cref="TemplateException"/> naming what is not supported.</summary>
    public static ChatTemplate Parse(string source) => new(source, TemplateParser.Parse(source));

    /// <summary>
    /// Renders a conversation. Each message is a role, a content and optionally the assistant's chain of thought, given
    /// to the template as both <c>reasoning_content</c> (Qwen3) and <c>thinking</c> (gpt-oss, TRL) so that templates
    /// which render thinking do, and others leave it out.
    /// </summary>
    public string Render(IEnumerable<TemplateMessage> messages, bool addGenerationPrompt, IReadOnlyDictionary<string, string?> specialTokens)
    {
        var list = messages.Select(m =>
        {
            var message = new Dictionary<string, object?> { ["role"] = m.Role, ["content"] = m.Content };
            if (m.Thinking is { } thinking)
            {
                message["reasoning_content"] = thinking;
                message["thinking"] = thinking;
            }
            return (object?)message;
        }).ToList();
        var variables = new Dictionary<string, object?>
        {
            ["messages"] = list,
            ["add_generation_prompt"] = addGenerationPrompt,
            ["tools"] = null,
            ["documents"] = null,
        };
        foreach (var (name, value) in specialTokens)
        {
            variables[name] = value;
        }
        return new Renderer(variables).Render(_nodes);
    }
}
