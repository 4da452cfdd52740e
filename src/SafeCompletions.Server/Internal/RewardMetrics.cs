using System.Diagnostics.Metrics;
using SafeCompletions.Caching;
using SafeCompletions.Contracts;

namespace SafeCompletions.Server.Internal;

/// <summary>
/// The service's own instruments (meter <see cref="MeterName"/>), exported by OpenTelemetry at <c>/metrics</c>:
/// requests by endpoint and status, request latency, batch sizes, grading time per item, items by status, unscored
/// items by cause, with the LLM grader verdict-cache lookups by result, and with the embedded grader the encoder's
/// texts and calls (how full concurrent requests keep its batches).
/// </summary>
internal sealed class RewardMetrics
{
    public const string MeterName = "SafeCompletions.Server";

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _requestDuration;
    private readonly Histogram<long> _batchSize;
    private readonly Histogram<double> _gradeDuration;
    private readonly Counter<long> _items;
    private readonly Counter<long> _unscored;

    public RewardMetrics(IMeterFactory meters, VerdictCacheCounts? cache, Func<(long Texts, long Batches)>? encoder)
    {
        var meter = meters.Create(MeterName);
        _requests = meter.CreateCounter<long>("safecomp.server.requests", "{request}", "HTTP requests by endpoint and status code.");
        _requestDuration = meter.CreateHistogram<double>("safecomp.server.request.duration", "s", "Time from the request's arrival to its reply.");
        _batchSize = meter.CreateHistogram<long>("safecomp.server.batch.size", "{item}", "Items per reward request.");
        _gradeDuration = meter.CreateHistogram<double>("safecomp.server.grade.duration", "s", "Time one item spent in the grader.");
        _items = meter.CreateCounter<long>("safecomp.server.items", "{item}", "Items answered, by status (ok or unscored).");
        _unscored = meter.CreateCounter<long>("safecomp.server.unscored", "{item}", "Unscored items by cause: timeout, invalid_item or grader.");
        if (cache is not null)
        {
            meter.CreateObservableCounter("safecomp.server.cache.lookups", () => new[]
            {
                new Measurement<long>(cache.Hits, new KeyValuePair<string, object?>("result", "hit")),
                new Measurement<long>(cache.Misses, new KeyValuePair<string, object?>("result", "miss")),
            }, "{lookup}", "Verdict-cache lookups by result (hit or miss).");
        }
        if (encoder is not null)
        {
            meter.CreateObservableCounter("safecomp.server.encoder.texts", () => encoder().Texts, "{text}", "Texts the embedded grader's encoder has encoded.");
            meter.CreateObservableCounter("safecomp.server.encoder.batches", () => encoder().Batches, "{batch}", "Encoder calls; texts / batches is the mean batch the micro-batcher formed.");
        }
    }

    public void Request(string endpoint, int statusCode, TimeSpan elapsed)
    {
        _requests.Add(1, new("endpoint", endpoint), new("status", statusCode));
        _requestDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("endpoint", endpoint));
    }

    public void Batch(string endpoint, int size) => _batchSize.Record(size, new KeyValuePair<string, object?>("endpoint", endpoint));

    public void Graded(TimeSpan elapsed) => _gradeDuration.Record(elapsed.TotalSeconds);

    public void Answered(Grade grade, UnscoredCause? cause)
    {
        _items.Add(1, new KeyValuePair<string, object?>("status", ContractNames.Of(grade.Status)));
        if (grade.Status == GradeStatus.Unscored)
        {
            _unscored.Add(1, new KeyValuePair<string, object?>("cause", (cause ?? UnscoredCause.Grader) switch
            {
                UnscoredCause.Timeout => "timeout",
                UnscoredCause.InvalidItem => "invalid_item",
                _ => "grader",
            }));
        }
    }
}
