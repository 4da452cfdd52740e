using SafeCompletions.Contracts;
using SafeCompletions.Server.Internal;

namespace SafeCompletions.Server.Tests.Internal;

public sealed class TemplatedPromptTests
{
    [Fact]
    public void Conversation_ChatMl_IsItsTurnsWithoutTheOpenAssistantTurn() =>
        Assert.Equal(
            [new ChatTurn("system", "Be brief."), new ChatTurn("user", "Why is the sky blue?")],
            TemplatedPrompt.Conversation("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nWhy is the sky blue?<|im_end|>\n<|im_start|>assistant\n"));

    [Fact]
    public void Conversation_Llama3_IsItsTurns() =>
        Assert.Equal(
            [new ChatTurn("user", "Why is the sky blue?"), new ChatTurn("assistant", "Rayleigh scattering."), new ChatTurn("user", "And sunsets?")],
            TemplatedPrompt.Conversation("<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nWhy is the sky blue?<|eot_id|>" +
                "<|start_header_id|>assistant<|end_header_id|>\n\nRayleigh scattering.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nAnd sunsets?<|eot_id|>" +
                "<|start_header_id|>assistant<|end_header_id|>\n\n"));

    [Theory]
    [InlineData("Why is the sky blue?")]
    [InlineData("<|im_start|>system\nOnly a system turn<|im_end|>")]
    public void Conversation_PlainText_IsOneUserTurnHoldingAllOfIt(string prompt) =>
        Assert.Equal([new ChatTurn("user", prompt)], TemplatedPrompt.Conversation(prompt));
}
