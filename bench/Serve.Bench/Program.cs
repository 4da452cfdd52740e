// The reward service under load: `safecomp serve` (embedded grader) in its own process, closed-loop HTTP clients in this
// one. Prints served pairs/s for batches of 1 and 16, p50/p99 latency, errors, and the ratio to grading the same pairs
// in-process with the same grader; `soak` samples the server's resident memory under steady load.
//
//   dotnet run -c Release --project bench/Serve.Bench -- [--seconds 20] [--rounds 3] [--concurrency 32] [--batches 1,16]
//   dotnet run -c Release --project bench/Serve.Bench -- soak [--minutes 10] [--sample-seconds 30]
//   dotnet run -c Release --project bench/Serve.Bench -- sizes [--items 1024,4096,16384]   (memory of one large /get_reward batch)
//   (--safecomp PATH: the safecomp binary; default the Release build of this checkout)
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using SafeCompletions.Bench.Serve;
using SafeCompletions.Embedded;
using SafeCompletions.Embedded.Encoding;
using SafeCompletions.Specs;

var root = FindRoot();
var soak = args.FirstOrDefault() == "soak";
var safecomp = Option("--safecomp", Path.Combine(root, "src/SafeCompletions.Cli/bin/Release/net10.0/linux-x64/safecomp"));
var concurrency = int.Parse(Option("--concurrency", "32"), CultureInfo.InvariantCulture);
var port = int.Parse(Option("--port", "18431"), CultureInfo.InvariantCulture);
var pairs = LoadPairs(root);
Console.WriteLine($"pairs: {pairs.Count} (samples/quickstart responses); load at start: {File.ReadAllText("/proc/loadavg").Trim()}");

if (soak)
{
    return await SoakAsync();
}
if (args.FirstOrDefault() == "sizes")
{
    return await BatchSizes.RunAsync(safecomp, port, [.. Option("--items", "1024,4096,16384").Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture))]);
}

var batches = Option("--batches", "1,16").Split(',').Select(b => int.Parse(b, CultureInfo.InvariantCulture)).ToArray();
var seconds = TimeSpan.FromSeconds(double.Parse(Option("--seconds", "20"), CultureInfo.InvariantCulture));
var rounds = int.Parse(Option("--rounds", "3"), CultureInfo.InvariantCulture);
using var encoder = new MiniLmTextEncoder();
var inProcess = new InProcessGrading(new EmbeddedGrader(encoder, SpecCatalog.Load()), encoder, pairs);

await using (var server = await ServerProcess.StartAsync(safecomp, port, []))
{
    // Both sides warm: every prompt's gist encoded once, the exemplars encoded.
    await inProcess.PairsPerSecondAsync(TimeSpan.Zero);
    await LoadRun.RunAsync(server.Url, pairs, 16, concurrency, TimeSpan.FromSeconds(10));
    // The machine is shared: rounds alternate in-process and served windows, so that both see the same background
    // load, and each served figure is compared with the in-process figure of its own round.
    var results = batches.ToDictionary(b => b, _ => new List<(LoadResult Served, double InProcess)>());
    for (var round = 1; round <= rounds; round++)
    {
        foreach (var batch in batches)
        {
            var (local, localBatch) = await inProcess.PairsPerSecondAsync(seconds);
            var served = await LoadRun.RunAsync(server.Url, pairs, batch, concurrency, seconds);
            results[batch].Add((served, local));
            Console.WriteLine(F($"round {round} batch {batch}: served {served.PairsPerSecond:0.0} pairs/s (encoder batch {served.MeanEncoderBatch:0.0}), in-process {local:0.0} pairs/s (encoder batch {localBatch:0.0}), ratio {served.PairsPerSecond / local:0.00}, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
        }
    }
    Console.WriteLine("| batch | clients | requests | served pairs/s | in-process pairs/s | ratio (median of rounds) | p50 ms | p99 ms | texts per encoder call | errors | unscored |");
    Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
    foreach (var (batch, runs) in results)
    {
        var ratio = Median(runs.Select(r => r.Served.PairsPerSecond / r.InProcess));
        var latencies = runs.Select(r => r.Served).ToList();
        Console.WriteLine(F($"| {batch} | {concurrency} | {latencies.Sum(r => r.Requests)} | {Median(latencies.Select(r => r.PairsPerSecond)):0.0} | {Median(runs.Select(r => r.InProcess)):0.0} | {ratio:0.00} | {Median(latencies.Select(r => r.P50Ms)):0} | {Median(latencies.Select(r => r.P99Ms)):0} | {Median(latencies.Select(r => r.MeanEncoderBatch)):0.0} | {latencies.Sum(r => r.Errors)} | {latencies.Sum(r => r.Unscored)} |"));
    }
    Console.WriteLine(F($"server RSS after the runs: {server.RssMegabytes():0} MB; load at end: {File.ReadAllText("/proc/loadavg").Trim()}"));
}
return 0;

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

async Task<int> SoakAsync()
{
    var minutes = double.Parse(Option("--minutes", "10"), CultureInfo.InvariantCulture);
    var every = TimeSpan.FromSeconds(double.Parse(Option("--sample-seconds", "30"), CultureInfo.InvariantCulture));
    await using var server = await ServerProcess.StartAsync(safecomp, port, []);
    Console.WriteLine(F($"soak: batches of 16, {concurrency} clients, {minutes} min; server pid {server.Id}; RSS at start {server.RssMegabytes():0} MB"));
    using var stop = new CancellationTokenSource();
    var load = LoadRun.RunAsync(server.Url, pairs, 16, concurrency, TimeSpan.FromMinutes(minutes), stop.Token);
    var samples = new List<double>();
    var clock = Stopwatch.StartNew();
    while (!load.IsCompleted)
    {
        await Task.WhenAny(load, Task.Delay(every));
        var rss = server.RssMegabytes();
        samples.Add(rss);
        Console.WriteLine(F($"t={clock.Elapsed.TotalSeconds:0}s rss={rss:0} MB load={File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
    }
    var r = await load;
    Console.WriteLine(F($"soak done: {r.Pairs} pairs in {r.Seconds:0} s = {r.PairsPerSecond:0.0} pairs/s, p50 {r.P50Ms:0} ms, p99 {r.P99Ms:0} ms, errors {r.Errors}, unscored {r.Unscored}"));
    var firstHalf = samples.Take(samples.Count / 2).DefaultIfEmpty(0).Max();
    Console.WriteLine(F($"RSS: first sample {samples.FirstOrDefault():0} MB, max of first half {firstHalf:0} MB, max {samples.DefaultIfEmpty(0).Max():0} MB, last {samples.LastOrDefault():0} MB"));
    return r.Errors == 0 ? 0 : 1;
}

static List<JsonObject> LoadPairs(string root) =>
    [.. Directory.GetFiles(Path.Combine(root, "samples/quickstart"), "responses-*.jsonl").Order(StringComparer.Ordinal)
        .SelectMany(File.ReadLines)
        .Select(line => JsonNode.Parse(line)!.AsObject())
        .Select(row => new JsonObject { ["prompt"] = (string?)row["prompt"], ["response"] = (string?)row["response"], ["category"] = (string?)row["category"] })];

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "SafeCompletions.slnx")))
        {
            return dir.FullName;
        }
    }
    throw new DirectoryNotFoundException("run from inside the checkout");
}

string Option(string name, string fallback) =>
    Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;

static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
