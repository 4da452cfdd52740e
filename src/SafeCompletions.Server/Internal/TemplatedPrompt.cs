using SafeCompletions.Contracts;

namespace SafeCompletions.Server.Internal;

/// <summary>
/// Turns a prompt as a trainer templated it back into a conversation, so the grader sees the turns (the same ones
/// <c>/v1/rewards</c> would be sent) rather than template markup: the families of <see cref="ChatTemplates"/>, with
/// what the template itself added (a default system prompt, Llama 3.1's date header) taken out and the open assistant
/// turn that starts the generation dropped. Any other prompt is one user turn holding the whole text.
/// </summary>
internal static class TemplatedPrompt
{
    public static IReadOnlyList<ChatTurn> Conversation(string prompt) =>
        ChatTemplates.Detect(prompt)?.Conversation ?? [new ChatTurn("user", prompt)];
}
