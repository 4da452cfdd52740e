namespace SafeCompletions.Models;

/// <summary>Where a model reference points (design.md, "Model references").</summary>
public enum ModelReferenceKind
{
    /// <summary><c>openai:MODEL@BASE_URL</c>: an OpenAI-compatible chat endpoint.</summary>
    OpenAI,

    /// <summary><c>gguf:PATH</c>: a local GGUF model run in-process.</summary>
    Gguf,

    /// <summary><c>responses:FILE</c>: recorded responses, no model call.</summary>
    Responses,
}
