using Microsoft.Extensions.AI;
using SafeCompletions.Models;
using SafeCompletions.Testing.TinyModels;

namespace SafeCompletions.Training.Tests;

/// <summary><c>torch:DIR[+ADAPTER]</c> through the model registry.</summary>
public sealed class TorchModelProviderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task OpenChat_TorchReference_AnswersAndIsOwnedByTheResources()
    {
        var directory = TinyCausalLM.WriteHuggingFace(_dir.File("tiny-qwen"), TinyShape.Qwen2);
        var models = ModelProviders.Create().AddTorch();
        var reference = models.Parse($"torch:{directory}", ModelUses.Generator);
        var resources = new List<IDisposable>();

        var client = models.For(reference).OpenChat(reference, new ModelOptions { Resources = resources });
        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hello")], new ChatOptions { MaxOutputTokens = 6, Temperature = 0 });

        Assert.False(string.IsNullOrEmpty(response.Text));
        Assert.NotEmpty(resources);
        foreach (var r in resources)
        {
            r.Dispose();
        }
    }

    [Fact]
    public void Describe_NamesTheDirectoriesNotWhereTheyLie()
    {
        var models = ModelProviders.Create().AddTorch();
        var reference = models.Parse("torch:/home/someone/models/Qwen2.5-0.5B+/runs/sft/adapter");

        Assert.Equal("torch:Qwen2.5-0.5B+adapter", models.For(reference).Describe(reference));
    }

    [Fact]
    public void OpenChat_NoDirectoryThere_ThrowsNamingThePath()
    {
        var models = ModelProviders.Create().AddTorch();
        var reference = models.Parse("torch:/nonexistent/model");

        var error = Assert.Throws<FileNotFoundException>(() => models.For(reference).OpenChat(reference, new ModelOptions { Resources = [] }));

        Assert.Contains("/nonexistent/model", error.Message);
    }

    [Fact]
    public void Parse_TorchAsJudge_IsRefused()
    {
        Assert.Throws<FormatException>(() => ModelProviders.Create().AddTorch().Parse("torch:/m", ModelUses.Judge));
    }
}
