using Microsoft.Extensions.AI;
using SafeCompletions.Contracts;
using SafeCompletions.Models;
using SafeCompletions.Runs;
using SafeCompletions.Testing;

namespace SafeCompletions.Models.Tests;

/// <summary>What eval stores of a live model's reply: the answer to grade, with the chain of thought kept apart.</summary>
public sealed class ChatResponseGeneratorTests
{
    private static readonly PromptRow Prompt = new() { Id = "p1", Prompt = "How do vaccines work?" };

    private static Task<GeneratedResponse> GenerateAsync(TestChatClient client) =>
        new ChatResponseGenerator("m", client).GenerateAsync(Prompt, 0);

    [Theory]
    [InlineData("<think>Explain immunity.</think>\n\nThey train the immune system.")]
    [InlineData("Explain immunity.</think>\n\nThey train the immune system.")]
    public async Task Generate_ReasoningInTheText_IsKeptApartFromTheAnswer(string text)
    {
        var generated = await GenerateAsync(new TestChatClient { OnGetResponse = (_, _) => text });

        Assert.Equal(("They train the immune system.", "Explain immunity."), (generated.Response, generated.Reasoning));
    }

    [Fact]
    public async Task Generate_ReasoningContentOfTheReply_IsTheReasoning()
    {
        var client = new TestChatClient
        {
            OnGetChatResponse = (_, _) => new ChatResponse(new ChatMessage(ChatRole.Assistant,
                [new TextReasoningContent("Explain immunity."), new TextContent("They train the immune system.")])),
        };

        var generated = await GenerateAsync(client);

        Assert.Equal(("They train the immune system.", "Explain immunity."), (generated.Response, generated.Reasoning));
    }

    [Fact]
    public async Task Generate_PlainAnswer_HasNoReasoning()
    {
        var generated = await GenerateAsync(new TestChatClient { OnGetResponse = (_, _) => "They train the immune system." });

        Assert.Equal(("They train the immune system.", null), (generated.Response, generated.Reasoning));
    }
}
