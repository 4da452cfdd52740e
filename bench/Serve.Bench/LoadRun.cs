using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SafeCompletions.Bench.Serve;

/// <summary>What a load run measured: pairs served, requests, latencies, and any failures (HTTP errors or unscored items).</summary>
internal sealed record LoadResult(int Batch, int Concurrency, double Seconds, long Pairs, long Requests, long Errors, long Unscored, double P50Ms, double P99Ms)
{
    /// <summary>Texts per encoder call in the server during the run (from its /metrics), or NaN.</summary>
    public double MeanEncoderBatch { get; init; } = double.NaN;

    public double PairsPerSecond => Pairs / Seconds;
}

/// <summary>
/// Closed-loop load: <c>concurrency</c> clients, each sending batches of <c>batch</c> pairs to <c>POST /v1/rewards</c>
/// back to back (cycling through the pairs) until the time is up.
/// </summary>
internal static class LoadRun
{
    public static async Task<LoadResult> RunAsync(string url, IReadOnlyList<JsonObject> pairs, int batch, int concurrency, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(5) };
        var latencies = new List<double>();
        long pairsDone = 0, requests = 0, errors = 0, unscored = 0;
        var next = 0;
        var (textsBefore, batchesBefore) = await EncoderCountsAsync(http);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (clock.Elapsed < duration && !cancellationToken.IsCancellationRequested)
            {
                var items = new JsonArray();
                for (var i = 0; i < batch; i++)
                {
                    items.Add(pairs[(int)((uint)Interlocked.Increment(ref next) % pairs.Count)].DeepClone());
                }
                var body = new StringContent(new JsonObject { ["items"] = items }.ToJsonString(), Encoding.UTF8, "application/json");
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.PostAsync("/v1/rewards", body, cancellationToken);
                    var text = await response.Content.ReadAsStringAsync(cancellationToken);
                    var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref errors);
                        continue;
                    }
                    var results = JsonDocument.Parse(text).RootElement.GetProperty("results");
                    Interlocked.Add(ref unscored, results.EnumerateArray().Count(r => r.GetProperty("status").GetString() != "ok"));
                    Interlocked.Add(ref pairsDone, results.GetArrayLength());
                    Interlocked.Increment(ref requests);
                    lock (latencies)
                    {
                        latencies.Add(elapsed);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        var seconds = clock.Elapsed.TotalSeconds;
        var (textsAfter, batchesAfter) = await EncoderCountsAsync(http);
        latencies.Sort();
        return new LoadResult(batch, concurrency, seconds, pairsDone, requests, errors, unscored, Percentile(latencies, 0.50), Percentile(latencies, 0.99))
        {
            MeanEncoderBatch = (textsAfter - textsBefore) / (double)(batchesAfter - batchesBefore),
        };
    }

    /// <summary>The server's encoder totals from its Prometheus endpoint.</summary>
    private static async Task<(double Texts, double Batches)> EncoderCountsAsync(HttpClient http)
    {
        var lines = (await http.GetStringAsync("/metrics")).Split('\n');
        double Read(string name) => lines.Where(l => l.StartsWith(name, StringComparison.Ordinal))
            .Select(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault(double.NaN);
        return (Read("safecomp_server_encoder_texts_total"), Read("safecomp_server_encoder_batches_total"));
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
