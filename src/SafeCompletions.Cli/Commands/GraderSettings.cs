using System.ComponentModel;
using Microsoft.Extensions.AI;
using SafeCompletions.Caching;
using SafeCompletions.Cli.Infrastructure;
using SafeCompletions.Grading;
using SafeCompletions.Models;
using SafeCompletions.Specs;
using SafeCompletions.Storage.Sqlite;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SafeCompletions.Cli.Commands;

/// <summary>The options of every command that grades (grade, eval, sft, serve): which grader, and how it reaches its model.</summary>
public class GraderSettings : SpecsSettings
{
    [CommandOption("--grader <KIND>")]
    [Description("embedded (offline, on the shipped MiniLM encoder) or llm (a judge model, needs --judge). Default: llm when --judge is given, else embedded.")]
    public string? Grader { get; init; }

    [CommandOption("--judge <REF>")]
    [Description("The judge model: openai:MODEL@BASE_URL. Key from SAFECOMP_API_KEY, else OPENAI_API_KEY.")]
    public string? Judge { get; init; }

    [CommandOption("--concurrency <N>")]
    [Description("Model calls in flight at once (1 to 256). Default 8.")]
    [DefaultValue(8)]
    public int Concurrency { get; init; } = 8;

    [CommandOption("--cache <FILE>")]
    [Description("The verdict cache (SQLite). Default: $SAFECOMP_CACHE, else ~/.cache/safecomp/verdicts.db.")]
    public string? Cache { get; init; }

    [CommandOption("--no-cache")]
    [Description("Neither read nor write cached verdicts.")]
    public bool NoCache { get; init; }

    [CommandOption("--weights <FILE>")]
    [Description("Embedded grader weights from `safecomp grader train`. Default: the weights shipped with the tool.")]
    public string? Weights { get; init; }

    [CommandOption("--retries <N>")]
    [Description("Retries of a model call after 429, 5xx or a timeout (0 to 20). Default 4.")]
    [DefaultValue(4)]
    public int Retries { get; init; } = 4;

    [CommandOption("--timeout <SECONDS>")]
    [Description("How long one model call may take before it is retried. Default 120.")]
    [DefaultValue(120.0)]
    public double TimeoutSeconds { get; init; } = 120;

    public override ValidationResult Validate() =>
        Concurrency is < 1 or > 256 ? ValidationResult.Error($"--concurrency must be 1 to 256, not {Concurrency}")
        : Retries is < 0 or > 20 || TimeoutSeconds <= 0 ? ValidationResult.Error("--retries must be 0 to 20 and --timeout positive")
        : ReferenceCheck.Of("--judge", Judge, ModelUses.Judge) is { Successful: false } judge ? judge
        : Weights is not null && !File.Exists(Weights) ? ValidationResult.Error($"--weights: no file at {Weights}")
        : base.Validate();

    /// <summary>The grader the options ask for; what it opens (encoder, clients, cache) goes into <paramref name="resources"/>.</summary>
    /// <param name="observeCache">Wraps the verdict cache, when there is one (serve counts its hits and misses).</param>
    internal IGrader OpenGrader(SpecCatalog catalog, DisposableList resources, RetryCounter retries, Func<IVerdictCache, IVerdictCache>? observeCache = null)
    {
        var models = Registries.Models();
        var context = new GraderContext
        {
            Catalog = catalog,
            Options = new GraderOptions { Judge = Judge, WeightsPath = Weights },
            OpenJudge = reference =>
            {
                var parsed = models.Parse(reference, ModelUses.Judge);
                return (OpenChat("--judge", parsed, models, resources, retries), parsed.Model);
            },
            OpenCache = () => NoCache ? null : Observed(resources.Add(new SqliteVerdictCache(Cache ?? SqliteVerdictCache.DefaultPath())), observeCache),
            Resources = resources,
        };
        return Registries.Graders().Create(Grader ?? (Judge is null ? "embedded" : "llm"), context);
    }

    /// <summary>
    /// How many responses <paramref name="grader"/> should grade at once: what its traits prefer (the embedded grader's
    /// micro-batcher fills batches from many), else twice the model concurrency (<see cref="Grading.GradeConcurrency"/>).
    /// </summary>
    internal int GradeConcurrency(IGrader grader) => grader.Traits.PreferredConcurrency ?? Grading.GradeConcurrency.ForJudge(Concurrency);

    /// <summary>How models are opened for this command: its retries, concurrency and answer length.</summary>
    internal ModelOptions ModelOptions(DisposableList resources, RetryCounter retries, int maxOutputTokens = 2048, float temperature = 1f) => new()
    {
        Retry = new RetryOptions { MaxRetries = Retries, AttemptTimeout = TimeSpan.FromSeconds(TimeoutSeconds), OnRetry = retries.Add },
        Concurrency = Concurrency,
        MaxOutputTokens = maxOutputTokens,
        Temperature = temperature,
        Resources = resources,
    };

    /// <summary>The chat client of a generating or judging model; a model file that is not there is a usage error naming the option.</summary>
    internal IChatClient OpenChat(string option, ModelReference reference, ModelProviders models, DisposableList resources, RetryCounter retries)
    {
        try
        {
            return models.For(reference).OpenChat(reference, ModelOptions(resources, retries));
        }
        catch (FileNotFoundException missing)
        {
            throw new UsageException($"{option}: {missing.Message}");
        }
    }

    private static IVerdictCache Observed(IVerdictCache cache, Func<IVerdictCache, IVerdictCache>? observe) => observe is null ? cache : observe(cache);
}
