using Microsoft.Extensions.AI;
using SafeCompletions.Caching;
using SafeCompletions.Specs;

namespace SafeCompletions.Grading;

/// <summary>What a grader is made from: the specs, the options, the caller's model clients, its cache, and where what it opens goes.</summary>
public sealed class GraderContext
{
    public required SpecCatalog Catalog { get; init; }

    public GraderOptions Options { get; init; } = new();

    /// <summary>
    /// Opens the chat client a model reference names (with the caller's model providers, retries and concurrency) and
    /// returns it with the model's name; throws <see cref="FormatException"/> for a reference that is not a judge model.
    /// </summary>
    public Func<string, (IChatClient Client, string Model)>? OpenJudge { get; init; }

    /// <summary>
    /// Opens the verdict cache, or returns null when caching is off; graders that call a model wrap themselves in it,
    /// and only they open it (an offline grader leaves no cache file behind).
    /// </summary>
    public Func<IVerdictCache?>? OpenCache { get; init; }

    /// <summary>What the grader opens (an encoder, a model client); the caller disposes it when grading is done.</summary>
    public required ICollection<IDisposable> Resources { get; init; }
}
