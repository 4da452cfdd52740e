using SafeCompletions.Caching;
using SafeCompletions.Cli.Commands;
using SafeCompletions.Embedded;
using SafeCompletions.Embedded.Encoding;
using SafeCompletions.Embedded.Model;
using SafeCompletions.Grading;
using SafeCompletions.Judge;
using SafeCompletions.Models;
using SafeCompletions.Specs;

namespace SafeCompletions.Cli.Infrastructure;

/// <summary>Builds the grader the options ask for; what it opens (encoder, clients, cache) goes into <paramref name="resources"/>.</summary>
internal static class GraderFactory
{
    /// <param name="observeCache">Wraps the verdict cache, when there is one (serve counts its hits and misses).</param>
    public static IGrader Create(GraderSettings settings, SpecCatalog catalog, DisposableList resources, RetryCounter retries,
        Func<IVerdictCache, IVerdictCache>? observeCache = null)
    {
        if (settings.Concurrency is < 1 or > 256)
        {
            throw new UsageException($"--concurrency must be 1 to 256, not {settings.Concurrency}");
        }
        if (settings.Retries is < 0 or > 20 || settings.TimeoutSeconds <= 0)
        {
            throw new UsageException("--retries must be 0 to 20 and --timeout positive");
        }
        var kind = settings.Grader ?? (settings.Judge is null ? "embedded" : "llm");
        switch (kind)
        {
            case "llm":
                var judge = ModelReference.Parse(settings.Judge ?? throw new UsageException("--grader llm needs --judge openai:MODEL@BASE_URL"));
                var client = resources.Add(ChatClientFactory.Create(judge, Retry(settings, retries), settings.Concurrency));
                var cache = settings.NoCache ? null : resources.Add(new SqliteVerdictCache(settings.Cache ?? SqliteVerdictCache.DefaultPath()));
                return new LlmJudge(client, judge.Model, catalog, cache: cache is null || observeCache is null ? cache : observeCache(cache));
            case "embedded":
                var weights = settings.Weights is null ? GraderWeights.Default() : GraderWeights.Load(settings.Weights);
                return new EmbeddedGrader(resources.Add(new MiniLmTextEncoder()), catalog, weights);
            default:
                throw new UsageException($"--grader must be llm or embedded, not '{settings.Grader}'");
        }
    }

    /// <summary>How many responses <paramref name="grader"/> should grade at once (<see cref="Grading.GradeConcurrency"/>).</summary>
    public static int GradeConcurrency(IGrader grader, GraderSettings settings) =>
        grader is EmbeddedGrader ? Grading.GradeConcurrency.Batching : Grading.GradeConcurrency.ForJudge(settings.Concurrency);

    public static RetryOptions Retry(GraderSettings settings, RetryCounter retries) =>
        new() { MaxRetries = settings.Retries, AttemptTimeout = TimeSpan.FromSeconds(settings.TimeoutSeconds), OnRetry = retries.Add };
}
