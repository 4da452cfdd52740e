using System.Diagnostics;
using System.Text.Json.Nodes;
using SafeCompletions.Testing.TinyModels;
using SafeCompletions.Training.Chat;
using SafeCompletions.Training.Chat.Jinja;

namespace SafeCompletions.Training.Tests.Chat;

/// <summary>
/// Our Jinja interpreter against Jinja2 itself (Debian's python3-jinja2, configured as transformers configures it),
/// over real chat templates (Qwen3, Llama 3, Llama 2, Mistral, ChatML) and conversations that exercise their branches.
/// </summary>
public sealed class ChatTemplateTests
{
    private static readonly Dictionary<string, string?> Specials = new()
    {
        ["bos_token"] = "<s>", ["eos_token"] = "</s>", ["unk_token"] = "<unk>", ["pad_token"] = null,
    };

    private static readonly TemplateMessage[][] Conversations =
    [
        [new("user", "Hello")],
        [new("system", "Be brief."), new("user", "What is  2+2?\n"), new("assistant", " Four. "), new("user", "And 3+3?")],
        [new("user", "hi"), new("assistant", "Hello there friend", "Let me think.\n\nOk, greet back.")],
        [new("user", "Grüße — 你好 \"quoted\" 'single' \\ back"), new("assistant", "<think>\nhidden\n</think>\n\nshown")],
        [new("assistant", "I speak first"), new("user", "then me")],
    ];

    public static TheoryData<string> Templates => ["qwen3", "mistral-instruct", "llama2-chat", "whitespace", "chatml", "llama3"];

    private static string Load(string name) => name switch
    {
        "chatml" => TinyTokenizer.ChatMlTemplate,
        "llama3" => TinyTokenizer.Llama3Template,
        _ => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Chat", "Templates", name + ".jinja")),
    };

    [Theory]
    [MemberData(nameof(Templates))]
    public void Render_RealTemplates_EqualsJinja2(string name)
    {
        var source = Load(name);
        var template = ChatTemplate.Parse(source);
        var cases = Conversations.SelectMany(c => new[] { (c, true), (c, false) }).ToList();

        var expected = Jinja2(source, cases);

        for (var i = 0; i < cases.Count; i++)
        {
            var (messages, generation) = cases[i];
            string ours;
            try
            {
                ours = template.Render(messages, generation, Specials);
            }
            catch (TemplateException raised)
            {
                ours = "error: " + raised.Message;
            }
            Assert.Equal(expected[i], ours);
        }
    }

    [Fact]
    public void Parse_MacroTemplate_IsRefusedNamingTheTag()
    {
        var error = Assert.Throws<TemplateException>(() => ChatTemplate.Parse("{% macro render(m) %}{{ m }}{% endmacro %}"));

        Assert.Contains("macro", error.Message);
    }

    [Fact]
    public void Render_UnknownFilter_IsRefusedNamingIt()
    {
        var template = ChatTemplate.Parse("{{ messages[0].content | wordwrap(5) }}");

        var error = Assert.Throws<TemplateException>(() => template.Render([new("user", "hello there")], false, Specials));

        Assert.Contains("wordwrap", error.Message);
    }

    private static List<string> Jinja2(string template, List<(TemplateMessage[] Messages, bool Generation)> cases)
    {
        var input = new JsonArray([.. cases.Select(c => (JsonNode)new JsonObject
        {
            ["template"] = template,
            ["add_generation_prompt"] = c.Generation,
            ["specials"] = new JsonObject([.. Specials.Select(p => new KeyValuePair<string, JsonNode?>(p.Key, p.Value))]),
            ["messages"] = new JsonArray([.. c.Messages.Select(m =>
            {
                var message = new JsonObject { ["role"] = m.Role, ["content"] = m.Content };
                if (m.Thinking is not null)
                {
                    message["reasoning_content"] = m.Thinking;
                    message["thinking"] = m.Thinking;
                }
                return (JsonNode)message;
            })]),
        })]);
        var start = new ProcessStartInfo("/usr/bin/python3", [Path.Combine(AppContext.BaseDirectory, "Chat", "render_with_jinja2.py")])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var python = Process.Start(start)!;
        python.StandardInput.Write(input.ToJsonString());
        python.StandardInput.Close();
        var output = python.StandardOutput.ReadToEnd();
        var errors = python.StandardError.ReadToEnd();
        python.WaitForExit();
        Assert.True(python.ExitCode == 0, $"python3 with jinja2 (apt install python3-jinja2; test.sh does): {errors}");
        return [.. JsonNode.Parse(output)!.AsArray().Select(r => r!["text"]?.GetValue<string>() ?? "error: " + r["error"]!.GetValue<string>())];
    }
}
