namespace SafeCompletions.Sft;

/// <summary>Where the spec-consulting instructions go in the generation request (never in the training row).</summary>
public enum TemplatePlacement
{
    /// <summary>
    /// Wrapped around the last user turn. The default: reasoning models such as DeepSeek-R1 are documented to follow
    /// instructions in the user turn better than in a system prompt.
    /// </summary>
    User,

    /// <summary>As a system message before the conversation, for models tuned to follow system prompts.</summary>
    System,
}
