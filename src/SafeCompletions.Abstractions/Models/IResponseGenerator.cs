using SafeCompletions.Contracts;

namespace SafeCompletions.Models;

/// <summary>A model under evaluation: produces sample <c>n</c> of its response to a prompt. Failures are returned, not thrown.</summary>
public interface IResponseGenerator
{
    /// <summary>The model's name in the run (the NAME of <c>--model NAME=REF</c>).</summary>
    string Name { get; }

    /// <summary>How many samples this model has for a prompt: recorded sets say; live models take the run's K.</summary>
    int SamplesFor(string promptId, int requested);

    Task<GeneratedResponse> GenerateAsync(PromptRow prompt, int sample, CancellationToken cancellationToken = default);
}
