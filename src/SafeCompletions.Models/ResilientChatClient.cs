using System.ClientModel;
using System.Globalization;
using Microsoft.Extensions.AI;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace SafeCompletions.Models;

/// <summary>
/// A delegating chat client that retries transient failures (429, 408, 5xx, network errors, attempt timeouts) a
/// bounded number of times, waiting as long as a 429's Retry-After asks when it names a time.
/// </summary>
public sealed class ResilientChatClient : DelegatingChatClient
{
    private readonly ResiliencePipeline _pipeline;

    public ResilientChatClient(IChatClient innerClient, RetryOptions options, TimeProvider? timeProvider = null)
        : base(innerClient)
    {
        options.Validate();
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider ?? TimeProvider.System };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome.Exception, args.Context.CancellationToken)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Exception, options.MaxRetryAfter)),
                OnRetry = args =>
                {
                    var fromHeader = RetryAfter(args.Outcome.Exception, options.MaxRetryAfter) is not null;
                    options.OnRetry?.Invoke(new RetryNotice(args.AttemptNumber + 1, args.RetryDelay, Describe(args.Outcome.Exception), fromHeader));
                    return default;
                },
            });
        }
        _pipeline = builder.AddTimeout(options.AttemptTimeout).Build();
    }

    /// <inheritdoc/>
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? [.. messages];
        return _pipeline.ExecuteAsync(
            async token => await base.GetResponseAsync(list, options, token).ConfigureAwait(false),
            cancellationToken).AsTask();
    }

    /// <summary>True for failures worth another attempt; never for the caller's own cancellation.</summary>
    internal static bool IsTransient(Exception? exception, CancellationToken callerToken) => exception switch
    {
        null => false,
        _ when callerToken.IsCancellationRequested => false,
        TimeoutRejectedException => true,
        ClientResultException { Status: 0 or 408 or 409 or 429 or >= 500 } => true,
        HttpRequestException or IOException => true,
        OperationCanceledException => true,
        _ => exception.InnerException is { } inner && IsTransient(inner, callerToken),
    };

    /// <summary>The wait a 429 or 503 asks for in Retry-After (seconds or a date) or retry-after-ms, capped; null when none.</summary>
    internal static TimeSpan? RetryAfter(Exception? exception, TimeSpan cap)
    {
        if (exception is not ClientResultException { Status: 429 or 503 } result || result.GetRawResponse() is not { } response)
        {
            return null;
        }
        TimeSpan? wait = null;
        if (response.Headers.TryGetValue("retry-after-ms", out var milliseconds) &&
            double.TryParse(milliseconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
        {
            wait = TimeSpan.FromMilliseconds(ms);
        }
        else if (response.Headers.TryGetValue("Retry-After", out var value) && value is not null)
        {
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
            {
                wait = TimeSpan.FromSeconds(seconds);
            }
            else if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            {
                wait = date - DateTimeOffset.UtcNow is var delta && delta > TimeSpan.Zero ? delta : TimeSpan.Zero;
            }
        }
        return wait is null ? null : wait > cap ? cap : wait;
    }

    private static string Describe(Exception? exception) => exception switch
    {
        ClientResultException result => $"HTTP {result.Status}",
        TimeoutRejectedException => "attempt timed out",
        null => "unknown",
        _ => exception.GetType().Name,
    };
}
