using Microsoft.Extensions.AI;
using SafeCompletions.Models;
using SafeCompletions.Runs;

namespace SafeCompletions.Models.Tests;

public sealed class ModelProvidersTests
{
    [Theory]
    [InlineData("openai:gpt-4o-mini@http://127.0.0.1:8000/v1", "openai", "gpt-4o-mini", "http://127.0.0.1:8000/v1")]
    [InlineData("responses:samples/r.jsonl", "responses", "samples/r.jsonl", null)]
    public void Parse_KnownScheme_GivesItsProvidersReference(string text, string scheme, string model, string? baseUrl)
    {
        var reference = ModelProviders.Create().Parse(text);

        Assert.Equal(scheme, reference.Scheme);
        Assert.Equal(model, reference.Model);
        Assert.Equal(baseUrl is null ? null : new Uri(baseUrl), reference.BaseUrl);
        Assert.Equal(text, reference.Text);
    }

    [Theory]
    [InlineData("llama3")]
    [InlineData("torch:models/qwen")]
    [InlineData(":x")]
    public void Parse_UnknownScheme_NamesTheRegisteredForms(string text)
    {
        var error = Assert.Throws<FormatException>(() => ModelProviders.Create().Parse(text));

        Assert.Contains("openai:MODEL@BASE_URL or responses:FILE", error.Message);
    }

    [Theory]
    [InlineData("openai:gpt-4o-mini")]
    [InlineData("openai:gpt-4o-mini@")]
    [InlineData("openai:@http://127.0.0.1:8000/v1")]
    [InlineData("openai:gpt-4o-mini@localhost")]
    [InlineData("openai:gpt-4o-mini@localhost:8000/v1")]
    [InlineData("openai:gpt-4o-mini@file:///etc/passwd")]
    [InlineData("openai:gpt-4o-mini@ftp://127.0.0.1/v1")]
    [InlineData("openai:gpt-4o-mini@http://")]
    public void Parse_OpenAIReferenceWithoutAnHttpServer_IsRefusedNeverAPublicDefault(string text)
    {
        var error = Assert.Throws<FormatException>(() => ModelProviders.Create().Parse(text));

        Assert.Contains(text, error.Message);
        Assert.Contains("openai:MODEL@BASE_URL", error.Message);
    }

    [Fact]
    public void Parse_OpenAIReferenceWithAtInTheUrl_KeepsTheModelBeforeTheFirstAt()
    {
        var reference = ModelProviders.Create().Parse("openai:qwen@https://user@models.example:8443/v1");

        Assert.Equal("qwen", reference.Model);
        Assert.Equal("models.example", reference.BaseUrl!.Host);
    }

    [Fact]
    public void Parse_SchemeNotForThatUse_SaysWhichFormsAre()
    {
        var error = Assert.Throws<FormatException>(() => ModelProviders.Create().Parse("responses:r.jsonl", ModelUses.Judge));

        Assert.Contains("expected openai:MODEL@BASE_URL", error.Message);
        Assert.DoesNotContain("or responses", error.Message);
    }

    [Fact]
    public async Task Add_NewProvider_IsParsedAndOpenedWithNoOtherChange()
    {
        var providers = ModelProviders.Create().Add(new EchoProvider());
        var reference = providers.Parse("echo:hello");

        var generator = await providers.For(reference).OpenEvaluatedAsync("m", reference, new ModelOptions { Resources = [] });
        var sample = await generator.GenerateAsync(new() { Id = "p1", Prompt = "q" }, 0);

        Assert.Equal("hello", sample.Response);
        Assert.Contains("echo:WORD", providers.Forms(ModelUses.Generator));
    }

    private sealed class EchoProvider : IModelProvider
    {
        public string Scheme => "echo";

        public string Form => "echo:WORD";

        public ModelUses Uses => ModelUses.Evaluated | ModelUses.Generator;

        public ModelReference Parse(string text, string rest) => new(Scheme, rest, null, text);

        public IChatClient OpenChat(ModelReference reference, ModelOptions options) =>
            new TestChatClient { OnGetResponse = (_, _) => reference.Model };
    }
}
