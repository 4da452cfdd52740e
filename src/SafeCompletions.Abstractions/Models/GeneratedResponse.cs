namespace SafeCompletions.Models;

/// <summary>One sample from a model: the response (and any reasoning it showed), or why there is none.</summary>
public sealed record GeneratedResponse(string? Response, string? Reasoning, string? Error)
{
    public static GeneratedResponse Failed(string reason) => new(null, null, reason);
}
