namespace SafeCompletions.Contracts;

internal static class Conversations
{
    public static IReadOnlyList<ChatTurn> Of(string? prompt, IReadOnlyList<ChatTurn>? messages) =>
        messages is { Count: > 0 } ? messages
        : prompt is not null ? [new ChatTurn("user", prompt)]
        : [];
}
