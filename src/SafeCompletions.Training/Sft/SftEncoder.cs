using SafeCompletions.Training.Chat;

namespace SafeCompletions.Training.Sft;

/// <summary>
/// Renders a row through the model's own chat template and marks which tokens the loss is taken on: only the
/// completion's (the assistant turn and its end-of-turn token), never the prompt's.
/// </summary>
public static class SftEncoder
{
    public static TrainingSequence Encode(ModelTokenizer tokenizer, SftExample example, int maxLength)
    {
        var prompt = tokenizer.EncodeChat(example.Prompt, addGenerationPrompt: true);
        var full = tokenizer.EncodeChat([.. example.Prompt, example.Completion], addGenerationPrompt: false);
        if (full.Length > maxLength)
        {
            throw SftRowError.At(example.File, example.Line, "row", $"{full.Length} tokens, over --max-length {maxLength}");
        }
        // Templates that rewrite earlier turns once an answer follows (Qwen3 drops old thinking) can make the prompt
        // differ from the start of the full rendering; the loss starts where they part.
        var shared = 0;
        while (shared < prompt.Length && shared < full.Length && prompt[shared] == full[shared])
        {
            shared++;
        }
        if (shared >= full.Length)
        {
            throw SftRowError.At(example.File, example.Line, "completion", "renders to no tokens");
        }
        // Position t predicts token t + 1; it is trained when that token belongs to the completion.
        var labels = new long[full.Length];
        for (var t = 0; t < full.Length; t++)
        {
            labels[t] = t + 1 < full.Length && t + 1 >= shared ? full[t + 1] : TrainingSequence.Ignored;
        }
        return new TrainingSequence([.. full.Select(i => (long)i)], labels);
    }
}
