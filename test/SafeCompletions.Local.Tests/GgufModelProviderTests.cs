using Microsoft.Extensions.AI;
using SafeCompletions.Local;
using SafeCompletions.Models;

namespace SafeCompletions.Local.Tests;

/// <summary><c>gguf:PATH</c> through the model registry, on a tiny random-weight model the test writes (no download).</summary>
public sealed class GgufModelProviderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task OpenChat_GgufReference_AnswersInProcessAndIsOwnedByTheResources()
    {
        var path = _dir.File("tiny.gguf");
        TinyGguf.Write(path);
        var models = ModelProviders.Create().AddGguf();
        var reference = models.Parse($"gguf:{path}", ModelUses.Generator);
        var resources = new List<IDisposable>();

        var client = models.For(reference).OpenChat(reference, new ModelOptions { Resources = resources });
        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hello")], new ChatOptions { MaxOutputTokens = 8 });

        Assert.NotNull(response.Text);
        Assert.Single(resources);
        resources[0].Dispose();
    }

    [Fact]
    public void Describe_NamesTheFileNotWhereItLies()
    {
        var models = ModelProviders.Create().AddGguf();
        var reference = models.Parse("gguf:/home/someone/models/qwen3-0.6b.gguf");

        Assert.Equal("gguf:qwen3-0.6b.gguf", models.For(reference).Describe(reference));
    }

    [Fact]
    public void Parse_GgufAsJudge_IsRefusedNamingTheJudgeForms()
    {
        var error = Assert.Throws<FormatException>(() => ModelProviders.Create().AddGguf().Parse("gguf:m.gguf", ModelUses.Judge));

        Assert.Contains("openai:MODEL@BASE_URL", error.Message);
    }

    [Fact]
    public void OpenChat_NoFileThere_ThrowsNamingThePath()
    {
        var models = ModelProviders.Create().AddGguf();
        var reference = models.Parse("gguf:/nonexistent/model.gguf");

        var error = Assert.Throws<FileNotFoundException>(() => models.For(reference).OpenChat(reference, new ModelOptions { Resources = [] }));

        Assert.Contains("/nonexistent/model.gguf", error.Message);
    }
}
