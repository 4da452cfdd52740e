// Two benchmarks against a loopback OpenAI-compatible endpoint of fixed latency:
//   (default) grading: the LLM judge end to end (JSONL in, grades out);
//   eval: `safecomp eval`'s runner with a live model (see EvalBench.cs);
//   sft: `safecomp sft`'s runner with a generator and a judge (see SftBench.cs);
//   training: the in-process trainer's training and generation tokens/s and peak memory (see TrainingBench.cs, bench/training.sh).
// Grading benchmark: the LLM judge end to end (JSONL in, grades out) against a loopback OpenAI-compatible
// endpoint of fixed latency. Prints throughput against the C / L bound and the process's peak memory.
//
//   dotnet run -c Release --project bench/SafeCompletions.Bench -- --rows 2000 --latency-ms 50 --concurrency 16
//   bench/grade-memory.sh        (the same at growing row counts, one process each, to show memory stays flat)
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SafeCompletions.Storage.Sqlite;
using SafeCompletions.Caching;
using SafeCompletions.Grading;
using SafeCompletions.Judge;
using SafeCompletions.Models;
using SafeCompletions.Specs;
using SafeCompletions.Testing;

// As safecomp does at start-up (MallocArenas: two arenas, trimmed every 5 s); --malloc-arenas 0 leaves glibc's default,
// to measure the difference.
var mallocArenas = Option("--malloc-arenas", 2);
var arenasCapped = mallocArenas > 0 && SafeCompletions.Runs.MallocArenas.Limit(mallocArenas);
using var trimmer = mallocArenas > 0 ? SafeCompletions.Runs.MallocArenas.TrimEvery(TimeSpan.FromSeconds(5)) : null;
Console.Error.WriteLine(arenasCapped ? $"malloc arenas capped at {mallocArenas}" : "malloc arenas: glibc's default");

switch (args.FirstOrDefault())
{
    case "eval":
        return await SafeCompletions.Bench.EvalBench.RunAsync(args);
    case "sft":
        return await SafeCompletions.Bench.SftBench.RunAsync(args);
    case "metrics":
        return SafeCompletions.Bench.MetricsBench.Run(args);
    case "training":
        return SafeCompletions.Bench.TrainingBench.Run(args);
}
var rows = Option("--rows", 2000);
var latencyMs = Option("--latency-ms", 50);
var concurrency = Option("--concurrency", 16);
var useCache = args.Contains("--cache");

var work = Path.Combine(Path.GetTempPath(), "safecomp-bench-" + Environment.ProcessId);
Directory.CreateDirectory(work);
var input = Path.Combine(work, "responses.jsonl");
await using (var writer = new StreamWriter(input))
{
    for (var i = 0; i < rows; i++)
    {
        await writer.WriteLineAsync(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["id"] = $"p{i}#m#0",
            ["prompt"] = $"Question {i}: how do attackers use phishing kits, and how can staff spot them?",
            ["response"] = $"Answer {i}: phishing kits clone login pages and send lures; check the domain, enable MFA, report suspicious mail.",
            ["category"] = "cyber",
            ["intent"] = "dual_use",
        }));
    }
}

await using var stub = await OpenAIStubServer.StartJudgeAsync(latency: TimeSpan.FromMilliseconds(latencyMs), keepRequests: false);
var catalog = SpecCatalog.Load();
var client = ChatClientFactory.Create(ModelProviders.Create().Parse($"openai:bench-judge@{stub.BaseUrl}"), new RetryOptions { MaxRetries = 0 }, concurrency);
var cache = useCache ? new SqliteVerdictCache(Path.Combine(work, "cache.db")) : null;
IGrader judge = new LlmJudge(client, "bench-judge", catalog);
if (cache is not null)
{
    judge = judge.AsBuilder().UseCache(cache, catalog).Build();
}
var runner = new GradeFileRunner(judge, catalog);

var clock = Stopwatch.StartNew();
var result = await runner.RunAsync(input, Path.Combine(work, "grades.jsonl"), new GradeRunOptions { Window = Math.Max(64, concurrency * 4) });
var seconds = clock.Elapsed.TotalSeconds;

var callsPerSecond = stub.Calls / seconds;
var bound = latencyMs > 0 ? concurrency * 1000.0 / latencyMs : double.NaN;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"rows={rows} latency_ms={latencyMs} concurrency={concurrency} cache={useCache} seconds={seconds:0.00} rows_per_s={rows / seconds:0.0} " +
    $"calls={stub.Calls} calls_per_s={callsPerSecond:0.0} bound_C_over_L={bound:0.0} ratio={callsPerSecond / bound:0.000} " +
    $"unscored={result.Summary.Unscored} peak_working_set_mb={Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0.0}"));
Directory.Delete(work, recursive: true);
return result.Summary.Unscored == 0 ? 0 : 1;

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}
