using System.ComponentModel;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using SafeCompletions.Caching;
using SafeCompletions.Cli.Infrastructure;
using SafeCompletions.Contracts;
using SafeCompletions.Embedded.Encoding;
using SafeCompletions.Grading;
using SafeCompletions.Server;
using SafeCompletions.Specs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SafeCompletions.Cli.Commands;

/// <summary><c>safecomp serve</c>: the reward service (docs/serve.md), until Ctrl+C or SIGTERM, which let requests in flight finish.</summary>
internal sealed class ServeCommand(IAnsiConsole console) : AsyncCommand<ServeCommand.Settings>
{
    public sealed class Settings : GraderSettings
    {
        [CommandOption("--urls <URLS>")]
        [Description("Where to listen: http://HOST:PORT, several separated by ';'. Default http://127.0.0.1:8080 (this machine only).")]
        public string Urls { get; init; } = RewardServerOptions.DefaultUrls;

        [CommandOption("--api-key-file <FILE>")]
        [Description("A file holding the API key; then every request but /healthz needs 'Authorization: Bearer KEY'.")]
        public string? ApiKeyFile { get; init; }

        [CommandOption("--max-body-bytes <N>")]
        [Description("Larger request bodies get 413. Default 268435456 (256 MiB): a whole OpenRLHF rollout batch.")]
        [DefaultValue(RewardServerOptions.DefaultMaxBodyBytes)]
        public long MaxBodyBytes { get; init; } = RewardServerOptions.DefaultMaxBodyBytes;

        [CommandOption("--max-items <N>")]
        [Description("Requests with more items get 413. Default 16384.")]
        [DefaultValue(RewardServerOptions.DefaultMaxItems)]
        public int MaxItems { get; init; } = RewardServerOptions.DefaultMaxItems;

        [CommandOption("--request-timeout <SECONDS>")]
        [Description("Items not graded within this time come back unscored (reason 'timeout'). Default 120.")]
        [DefaultValue(120.0)]
        public double RequestTimeoutSeconds { get; init; } = 120;

        [CommandOption("--unscored-reward <X>")]
        [Description("What /get_reward answers for an item that could not be graded (flagged in extra_logs.unscored), from -1 to 1. Default 0.0.")]
        [DefaultValue(0.0)]
        public double UnscoredReward { get; init; }

        [CommandOption("--allow-remote-without-key")]
        [Description("Allow a non-loopback --urls without --api-key-file (refused otherwise).")]
        public bool AllowRemoteWithoutKey { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var catalog = SpecCatalog.Load(settings.SpecsDirectory);
        // Check the options before loading a grader: a typo in --urls should not wait for the encoder.
        var addresses = Options(settings, catalog, cacheCounts: null, encoderCounts: null, GradeConcurrency.Batching).Validate();

        using var resources = new DisposableList();
        VerdictCacheCounts? cacheCounts = null;
        var grader = settings.OpenGrader(catalog, resources, new RetryCounter(), cache => (cacheCounts = new VerdictCacheCounts()).Observe(cache));
        var encoder = resources.Find<MiniLmTextEncoder>();
        var options = Options(settings, catalog, cacheCounts, encoder is null ? null : () => encoder.Counts, settings.GradeConcurrency(grader));
        // Load what the first request would wait for (the embedded encoder and its exemplars) before listening.
        await grader.WarmUpAsync(cancellationToken);
        await using var app = RewardServer.Build(grader, options, ServerLogging.Configure);
        await app.StartAsync(cancellationToken);

        console.MarkupLineInterpolated($"serving rewards from [bold]{grader.Name}[/] on {string.Join(", ", app.Urls)}");
        console.MarkupLineInterpolated($"  POST /v1/rewards, POST /get_reward (OpenRLHF), GET /healthz, GET /metrics; API key: {(options.ApiKey is null ? "none" : "required")}");
        foreach (var open in addresses.Where(a => !a.IsLoopback))
        {
            console.MarkupLineInterpolated($"[yellow]warning:[/] {open.Url} is reachable from other machines{(options.ApiKey is null ? " and NO API KEY is required" : "")}");
        }
        console.MarkupLine("Ctrl+C or SIGTERM stops it after the requests in flight are answered.");
        await app.WaitForShutdownAsync(cancellationToken);
        console.MarkupLine("stopped");
        return ExitCodes.Success;
    }

    private static RewardServerOptions Options(
        Settings settings, SpecCatalog catalog, VerdictCacheCounts? cacheCounts, Func<(long Texts, long Batches)>? encoderCounts, int gradeConcurrency) => new()
    {
        Urls = settings.Urls,
        ApiKey = settings.ApiKeyFile is { } file ? KeyFile.Read("--api-key-file", file) : null,
        MaxBodyBytes = settings.MaxBodyBytes,
        MaxItems = settings.MaxItems,
        RequestTimeout = settings.RequestTimeoutSeconds is > 0 and < 86_400
            ? TimeSpan.FromSeconds(settings.RequestTimeoutSeconds)
            : throw new UsageException($"--request-timeout must be more than 0 and less than 86400 seconds, not {settings.RequestTimeoutSeconds}"),
        AllowRemoteWithoutKey = settings.AllowRemoteWithoutKey,
        UnscoredReward = settings.UnscoredReward,
        Categories = catalog.All.Select(s => s.Id).ToHashSet(),
        CacheCounts = cacheCounts,
        EncoderCounts = encoderCounts,
        GradeConcurrency = gradeConcurrency,
    };
}
