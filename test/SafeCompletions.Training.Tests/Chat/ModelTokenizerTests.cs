using LLama;
using LLama.Common;
using SafeCompletions.Testing.TinyModels;
using SafeCompletions.Training.Chat;

namespace SafeCompletions.Training.Tests.Chat;

public sealed class ModelTokenizerTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("the hello there, in an hour")]
    [InlineData(" leading space and\nnewlines\n\n  indented")]
    [InlineData("Grüße — 你好 🙂 tabs\tand 'quotes'")]
    public void Encode_ByteLevelBpe_EqualsLlamaCppsTokenizerOnTheSameVocabulary(string text)
    {
        var directory = TinyCausalLM.WriteHuggingFace(_dir.File("m"), TinyShape.Qwen2);
        TinyCausalLM.WriteGguf(_dir.File("m.gguf"), TinyShape.Qwen2);
        using var tokenizer = ModelTokenizer.Load(directory);
        using var weights = LLamaWeights.LoadFromFile(new ModelParams(_dir.File("m.gguf")) { GpuLayerCount = 0 });

        var ours = tokenizer.Encode(text);
        var theirs = weights.Tokenize(text, add_bos: false, special: false, System.Text.Encoding.UTF8).Select(t => (int)t).ToArray();

        Assert.Equal(theirs, ours);
        Assert.Equal(text, tokenizer.Decode(ours));
        Assert.True(ours.Length < System.Text.Encoding.UTF8.GetByteCount(text) || text.StartsWith(' '), "the merges should shorten English text");
    }

    [Fact]
    public void EncodeChat_SpecialTokensOfTheTemplate_AreSingleIds()
    {
        using var tokenizer = ModelTokenizer.Load(TinyCausalLM.WriteHuggingFace(_dir.File("m"), TinyShape.Llama));

        var ids = tokenizer.EncodeChat([new("user", "hello")], addGenerationPrompt: true);

        Assert.Equal(TinyTokenizer.IdOf("<|begin_of_text|>"), ids[0]);
        Assert.Equal(TinyTokenizer.IdOf("<|start_header_id|>"), ids[1]);
        Assert.Equal(2, ids.Count(i => i == TinyTokenizer.IdOf("<|start_header_id|>")));
        var secondHeader = Array.LastIndexOf(ids, TinyTokenizer.IdOf("<|start_header_id|>"));
        Assert.Equal(TinyTokenizer.IdOf("<|eot_id|>"), ids[secondHeader - 1]);
    }

    [Fact]
    public void EndOfTurn_GenerationConfigAndEosToken_AreBoth()
    {
        using var tokenizer = ModelTokenizer.Load(TinyCausalLM.WriteHuggingFace(_dir.File("m"), TinyShape.Llama));

        Assert.Equal(TinyTokenizer.EndOfTurnIds(TinyChatFamily.Llama3).ToHashSet(), tokenizer.EndOfTurn.ToHashSet());
    }

    [Fact]
    public void Load_UnsupportedTemplate_NamesTheFileAndTheConstruct()
    {
        var directory = TinyCausalLM.WriteHuggingFace(_dir.File("m"), TinyShape.Qwen2, chatTemplate: "{% macro m() %}x{% endmacro %}{{ m() }}");

        var error = Assert.Throws<InvalidDataException>(() => ModelTokenizer.Load(directory));

        Assert.Contains("tokenizer_config.json", error.Message);
        Assert.Contains("macro", error.Message);
    }
}
