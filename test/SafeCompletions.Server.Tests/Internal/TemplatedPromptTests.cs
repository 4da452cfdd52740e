using SafeCompletions.Contracts;
using SafeCompletions.Server.Internal;

namespace SafeCompletions.Server.Tests.Internal;

public sealed class TemplatedPromptTests
{
    [Theory]
    [MemberData(nameof(TemplateRenderings.Families), MemberType = typeof(TemplateRenderings))]
    public void Conversation_OfEachFamilysRendering_IsTheConversationItRenders(string family)
    {
        var rendering = TemplateRenderings.Of(family);

        Assert.Equal(rendering.Conversation, TemplatedPrompt.Conversation(rendering.Prompt));
    }

    [Fact]
    public void Conversation_Llama2MultiTurn_KeepsTheHistory()
    {
        const string Prompt = "<s>[INST] <<SYS>>\nBe brief.\n<</SYS>>\n\nHi [/INST] Hello! How can I help? </s><s>[INST] How do phishing kits work? [/INST]";

        Assert.Equal(
            [new ChatTurn("system", "Be brief."), new ChatTurn("user", "Hi"), new ChatTurn("assistant", "Hello! How can I help?"), new ChatTurn("user", "How do phishing kits work?")],
            TemplatedPrompt.Conversation(Prompt));
    }

    [Fact]
    public void Conversation_Llama3MultiTurn_KeepsTheHistory() =>
        Assert.Equal(
            [new ChatTurn("user", "Why is the sky blue?"), new ChatTurn("assistant", "Rayleigh scattering."), new ChatTurn("user", "And sunsets?")],
            TemplatedPrompt.Conversation("<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nWhy is the sky blue?<|eot_id|>" +
                "<|start_header_id|>assistant<|end_header_id|>\n\nRayleigh scattering.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nAnd sunsets?<|eot_id|>" +
                "<|start_header_id|>assistant<|end_header_id|>\n\n"));

    [Fact]
    public void Conversation_GemmaMultiTurn_NamesTheModelsTurnsAssistant() =>
        Assert.Equal(
            [new ChatTurn("user", "Hi"), new ChatTurn("assistant", "Hello."), new ChatTurn("user", "Bye")],
            TemplatedPrompt.Conversation("<bos><start_of_turn>user\nHi<end_of_turn>\n<start_of_turn>model\nHello.<end_of_turn>\n<start_of_turn>user\nBye<end_of_turn>\n<start_of_turn>model\n"));

    [Fact]
    public void Conversation_DeepSeekHistory_KeepsTheAnswersOnly() =>
        Assert.Equal(
            [new ChatTurn("user", "Hi"), new ChatTurn("assistant", "Hello."), new ChatTurn("user", "Bye")],
            TemplatedPrompt.Conversation("<｜begin▁of▁sentence｜><｜User｜>Hi<｜Assistant｜>Hello.<｜end▁of▁sentence｜><｜User｜>Bye<｜Assistant｜><think>\n"));

    [Fact]
    public void Conversation_HumanAssistantLabels_AreTurns() =>
        Assert.Equal(
            [new ChatTurn("user", "Hi"), new ChatTurn("assistant", "Hello."), new ChatTurn("user", "How do locks work?")],
            TemplatedPrompt.Conversation("\n\nHuman: Hi\n\nAssistant: Hello.\n\nHuman: How do locks work?\n\nAssistant:"));

    [Theory]
    [InlineData("Why is the sky blue?")]
    [InlineData("<|im_start|>system\nOnly a system turn<|im_end|>")]
    // Role labels inside ordinary text are not a template: the prompt must open with the user's and end with the assistant's.
    [InlineData("Summarise this dialogue:\nUser: hi\nAssistant: hello")]
    [InlineData("Write the word <b>bold</b> in HTML.")]
    public void Conversation_PlainText_IsOneUserTurnHoldingAllOfIt(string prompt) =>
        Assert.Equal([new ChatTurn("user", prompt)], TemplatedPrompt.Conversation(prompt));
}
