namespace SafeCompletions.Sft;

/// <summary>The shape of <c>train.jsonl</c> rows (docs/design.md, "SFT output").</summary>
public enum TrainingFormat
{
    /// <summary>TRL prompt-completion: <c>{"prompt":[…],"completion":[{"role":"assistant","content":…,"thinking":…}]}</c>.</summary>
    Trl,

    /// <summary><c>{"messages":[…, {"role":"assistant","content":…,"thinking":…}]}</c>.</summary>
    Messages,

    /// <summary><c>{"messages":[…]}</c> with the CoT inline as <c>&lt;think&gt;…&lt;/think&gt;</c> before the answer.</summary>
    OpenAI,
}
