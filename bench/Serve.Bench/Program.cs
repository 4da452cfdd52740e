// The reward service under load: `safecomp serve` (embedded grader) in its own process, closed-loop HTTP clients in this
// one. Prints served pairs/s for batches of 1 and 16, p50/p99 latency, errors, and the ratio to grading the same pairs
// in-process with the same grader; `soak` samples the server's resident memory under steady load.
//
//   dotnet run -c Release --project bench/Serve.Bench -- [--seconds 30] [--concurrency 32] [--batches 1,16]
//   dotnet run -c Release --project bench/Serve.Bench -- soak [--minutes 10] [--sample-seconds 30]
//   (--safecomp PATH: the safecomp binary; default the Release build of this checkout)
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using SafeCompletions.Bench.Serve;
using SafeCompletions.Contracts;
using SafeCompletions.Embedded;
using SafeCompletions.Embedded.Encoding;
using SafeCompletions.Grading;
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

var batches = Option("--batches", "1,16").Split(',').Select(b => int.Parse(b, CultureInfo.InvariantCulture)).ToArray();
var seconds = double.Parse(Option("--seconds", "30"), CultureInfo.InvariantCulture);
var inProcess = await InProcessPairsPerSecondAsync(TimeSpan.FromSeconds(seconds));
Console.WriteLine(F($"in-process: {inProcess:0.0} pairs/s (EmbeddedGrader, 256 pairs in flight, warm)"));

await using (var server = await ServerProcess.StartAsync(safecomp, port, []))
{
    // Warm the service as the in-process run was warmed: every prompt's gist is encoded once.
    await LoadRun.RunAsync(server.Url, pairs, 16, concurrency, TimeSpan.FromSeconds(Math.Min(10, seconds)));
    Console.WriteLine("| batch | clients | requests | pairs/s | p50 ms | p99 ms | errors | unscored | ratio to in-process |");
    Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
    foreach (var batch in batches)
    {
        var r = await LoadRun.RunAsync(server.Url, pairs, batch, concurrency, TimeSpan.FromSeconds(seconds));
        Console.WriteLine(F($"| {batch} | {concurrency} | {r.Requests} | {r.PairsPerSecond:0.0} | {r.P50Ms:0} | {r.P99Ms:0} | {r.Errors} | {r.Unscored} | {r.PairsPerSecond / inProcess:0.00} |"));
    }
    Console.WriteLine(F($"server RSS after the runs: {server.RssMegabytes():0} MB; load at end: {File.ReadAllText("/proc/loadavg").Trim()}"));
}
return 0;

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

async Task<double> InProcessPairsPerSecondAsync(TimeSpan duration)
{
    using var encoder = new MiniLmTextEncoder();
    var grader = new EmbeddedGrader(encoder, SpecCatalog.Load());
    var requests = pairs.Select(p => new GradeRequest([new ChatTurn("user", (string)p["prompt"]!)], (string)p["response"]!, (string?)p["category"])).ToList();
    await GradeAllAsync(requests);
    var clock = Stopwatch.StartNew();
    long done = 0;
    while (clock.Elapsed < duration)
    {
        done += await GradeAllAsync(requests);
    }
    return done / clock.Elapsed.TotalSeconds;

    async Task<int> GradeAllAsync(IReadOnlyList<GradeRequest> all)
    {
        // As `safecomp grade` does with the embedded grader: a window of 256 pairs in flight.
        foreach (var window in all.Chunk(256))
        {
            await Task.WhenAll(window.Select(r => grader.GradeAsync(r)));
        }
        return all.Count;
    }
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
