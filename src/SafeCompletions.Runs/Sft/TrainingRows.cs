using SafeCompletions.Contracts;

namespace SafeCompletions.Sft;

/// <summary>
/// Builds a kept candidate's training row. The input is the prompt's original conversation, turn for turn: the spec
/// and instructions the generator saw are not in it, so training teaches the policy rather than reading it.
/// </summary>
public static class TrainingRows
{
    public static TrainingRow Build(TrainingFormat format, IReadOnlyList<ChatTurn> conversation, string answer, string? reasoning, SftMetadata metadata)
    {
        var input = Turns(conversation);
        var thinking = reasoning ?? "";
        return format switch
        {
            TrainingFormat.Trl => new TrainingRow { Prompt = input, Completion = [new TrainingTurn("assistant", answer, thinking)], Metadata = metadata },
            TrainingFormat.Messages => new TrainingRow { Messages = [.. input, new TrainingTurn("assistant", answer, thinking)], Metadata = metadata },
            // The OpenAI chat format has no field for a CoT, so it goes inline, as reasoning models write it.
            TrainingFormat.OpenAI => new TrainingRow
            {
                Messages = [.. input, new TrainingTurn("assistant", thinking.Length == 0 ? answer : $"<think>\n{thinking}\n</think>\n\n{answer}")],
                Metadata = metadata,
            },
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
        };
    }

    public static IReadOnlyList<TrainingTurn> Turns(IReadOnlyList<ChatTurn> conversation) => [.. conversation.Select(t => new TrainingTurn(t.Role, t.Content))];
}
