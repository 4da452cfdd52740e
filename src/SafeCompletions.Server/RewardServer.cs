using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using SafeCompletions.Grading;
using SafeCompletions.Server.Internal;
using SafeCompletions.Server.Wire;

namespace SafeCompletions.Server;

/// <summary>
/// The reward service of <c>safecomp serve</c>: any <see cref="IGrader"/> behind <c>POST /v1/rewards</c> (batches),
/// <c>POST /get_reward</c> (OpenRLHF's remote reward model), <c>GET /healthz</c> and <c>GET /metrics</c> (Prometheus).
/// Build it, then start it; stopping it lets requests in flight finish.
/// </summary>
public static class RewardServer
{
    /// <summary>The path that answers without an API key, so that orchestrators can probe the service.</summary>
    public const string HealthPath = "/healthz";

    /// <summary>The Prometheus scrape path (behind the API key like everything but <see cref="HealthPath"/>).</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>Builds the service; throws <see cref="FormatException"/> naming the option when the options are unsafe or invalid.</summary>
    public static WebApplication Build(IGrader grader, RewardServerOptions options, Action<ILoggingBuilder>? logging = null)
    {
        var addresses = options.Validate();
        // The content root is the tool's own directory: an appsettings.json where the user happens to stand must not reconfigure the service.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = Environments.Production });
        builder.Logging.ClearProviders();
        logging?.Invoke(builder.Logging);
        builder.WebHost.UseUrls([.. addresses.Select(a => a.Url)]);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = options.MaxBodyBytes;
            kestrel.AddServerHeader = false;
        });
        // Stopping waits for requests in flight, which the request timeout bounds.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.RequestTimeout + TimeSpan.FromSeconds(10));
        builder.Services.AddSingleton(services => new RewardMetrics(services.GetRequiredService<IMeterFactory>(), options.CacheCounts, options.EncoderCounts));
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(RewardMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
            .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));
        // OpenTelemetry listens to meters by name, process-wide; two services in one process (tests, an embedding app)
        // would report each other's instruments. Keep only the instruments of this service's own meter factory.
        builder.Services.ConfigureOpenTelemetryMeterProvider((services, metrics) =>
        {
            var own = services.GetRequiredService<IMeterFactory>();
            metrics.AddView(instrument => instrument.Meter.Scope is { } scope && !ReferenceEquals(scope, own) ? MetricStreamConfiguration.Drop : null);
        });

        var app = builder.Build();
        var rewardMetrics = app.Services.GetRequiredService<RewardMetrics>();
        var batches = new BatchGrader(grader, rewardMetrics, options.RequestTimeout, options.Time, options.GradeConcurrency);
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RewardServer).FullName!);

        app.Use((context, next) => MeasureAsync(context, next, rewardMetrics, log));
        if (options.ApiKey is { } key)
        {
            var check = new ApiKeyCheck(key);
            app.Use((context, next) => context.Request.Path == HealthPath || check.Allows(context.Request)
                ? next(context)
                : RefuseAsync(context));
        }
        app.MapGet(HealthPath, () => Results.Json(new HealthReply("ok", grader.Name), ServerJson.Default.HealthReply));
        var rewards = new RewardsEndpoint(batches, rewardMetrics, options);
        var getReward = new GetRewardEndpoint(batches, rewardMetrics, options);
        // As a Delegate, not a RequestDelegate, so that the IResult a handler returns is written to the response.
        app.MapPost(rewards.Path, (Delegate)rewards.HandleAsync);
        app.MapPost(getReward.Path, (Delegate)getReward.HandleAsync);
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        return app;
    }

    private static Task RefuseAsync(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Refusal.WriteAsync(context, StatusCodes.Status401Unauthorized, "missing or wrong API key: send the header Authorization: Bearer KEY");
    }

    private static async Task MeasureAsync(HttpContext context, RequestDelegate next, RewardMetrics metrics, ILogger log)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            metrics.Request(EndpointOf(context.Request.Path), context.Response.StatusCode, elapsed);
            // Method, path and status only: headers (the API key) and bodies (users' prompts) are never logged.
            log.LogDebug("{Method} {Path} -> {Status} in {Milliseconds:0.0} ms",
                context.Request.Method, EndpointOf(context.Request.Path), context.Response.StatusCode, elapsed.TotalMilliseconds);
        }
    }

    /// <summary>The metric label of a path: the service's own paths, everything else "other" (unbounded paths must not become labels).</summary>
    private static string EndpointOf(PathString path) =>
        path.Value is RewardsEndpoint.Route or GetRewardEndpoint.Route or HealthPath or MetricsPath ? path.Value : "other";
}
