using SafeCompletions.Models;

namespace SafeCompletions.Models.Tests;

public sealed class ReasoningSplitterTests
{
    [Theory]
    [InlineData("<think>\nweigh the policy\n</think>\n\nThe answer.", "The answer.", "weigh the policy")]
    [InlineData("  <think>a</think>b", "b", "a")]
    // Qwen3 with thinking switched off: an empty block.
    [InlineData("<think>\n\n</think>\n\nThe answer.", "The answer.", "")]
    // Two blocks in a row (a model that reasons, pauses, reasons again).
    [InlineData("<think>first</think>\n<think>second</think>\nThe answer.", "The answer.", "first\n\nsecond")]
    // Qwen3 / DeepSeek-R1 templates put <think> in the prompt, so the text holds only the closing tag.
    [InlineData("weigh the policy\n</think>\nThe answer.", "The answer.", "weigh the policy")]
    // Out of tokens while reasoning: there is no answer at all.
    [InlineData("<think>\nthe user wants the synthesis route, step one is", "", "the user wants the synthesis route, step one is")]
    [InlineData("The answer, no reasoning.", "The answer, no reasoning.", null)]
    // A <think> that is not at the start is part of the answer, not reasoning.
    [InlineData("Use the <think> tag like this: <think>x</think>", "Use the <think> tag like this: <think>x</think>", null)]
    public void Split_FindsTheChainOfThought_OnlyWhereReasoningModelsPutIt(string text, string answer, string? reasoning) =>
        Assert.Equal((answer, reasoning), ReasoningSplitter.Split(text));

    [Theory]
    [InlineData("<think>\nweigh it\n</think>\n\nThe answer.", "The answer.")]
    [InlineData("<think>\nout of tokens", "")]
    public void FinalAnswer_OfTextWithReasoning_IsTheAnswerAlone(string text, string answer) =>
        Assert.Equal(answer, ReasoningSplitter.FinalAnswer(text));

    [Theory]
    [InlineData("  An answer with spaces around it.\n")]
    [InlineData("Write <think> in the template.")]
    public void FinalAnswer_OfTextWithoutReasoning_IsTheTextUnchanged(string text) =>
        Assert.Same(text, ReasoningSplitter.FinalAnswer(text));
}
