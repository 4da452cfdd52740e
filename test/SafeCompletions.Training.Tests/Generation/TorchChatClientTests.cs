using Microsoft.Extensions.AI;
using SafeCompletions.Testing.TinyModels;
using SafeCompletions.Training.Generation;
using static TorchSharp.torch;

namespace SafeCompletions.Training.Tests.Generation;

public sealed class TorchChatClientTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private TorchModel Model(TinyShape shape) => TorchModel.Load(TinyCausalLM.WriteHuggingFace(_dir.File("m"), shape));

    [Theory]
    [InlineData("llama")]
    [InlineData("qwen2")]
    public void Generate_Greedy_EqualsArgmaxOfFullRecomputationTokenByToken(string name)
    {
        using var model = Model(name == "llama" ? TinyShape.Llama : TinyShape.Qwen2);
        var prompt = model.Tokenizer.EncodeChat([new("user", "hello there")], addGenerationPrompt: true);

        var generated = TextGenerator.Generate(model.Network, prompt, new HashSet<int>(), new SamplingSettings(0, 1, 12, null));

        var reference = new List<int>(prompt);
        using (no_grad())
        {
            for (var i = 0; i < 12; i++)
            {
                using var ids = tensor(reference.Select(t => (long)t).ToArray(), [1, reference.Count]);
                using var logits = model.Network.Forward(ids);
                reference.Add((int)logits[0, -1].argmax().item<long>());
            }
        }
        Assert.Equal(reference.Skip(prompt.Length), generated.Tokens);
    }

    [Fact]
    public async Task GetResponse_SameSeed_SameAnswer_OtherSeed_OtherAnswer()
    {
        using var model = Model(TinyShape.Qwen2);
        using var client = new TorchChatClient(model, "tiny");
        ChatMessage[] messages = [new(ChatRole.User, "hello")];
        async Task<string> Sample(long seed) =>
            (await client.GetResponseAsync(messages, new ChatOptions { Temperature = 1.5f, TopP = 1, Seed = seed, MaxOutputTokens = 24 })).Text;

        var first = await Sample(1);

        Assert.Equal(first, await Sample(1));
        Assert.NotEqual(first, await Sample(2));
    }

    [Fact]
    public async Task GetResponse_MaxOutputTokens_StopsThereWithFinishReasonLength()
    {
        using var model = Model(TinyShape.Llama);
        using var client = new TorchChatClient(model, "tiny");

        var response = await client.GetResponseAsync([new(ChatRole.User, "hello")], new ChatOptions { Temperature = 0, MaxOutputTokens = 5 });

        Assert.Equal(5, response.Usage!.OutputTokenCount);
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
    }

    [Fact]
    public void Sampler_TinyTopP_KeepsOnlyTheMostLikelyToken()
    {
        var sampler = new TokenSampler(new SamplingSettings(1, 0.01, 1, 3));
        float[] logits = [0.1f, 2.5f, 2.4f, -1f];

        Assert.All(Enumerable.Range(0, 50), _ => Assert.Equal(1, sampler.Next(logits)));
    }
}
