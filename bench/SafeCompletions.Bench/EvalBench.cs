using System.Diagnostics;
using System.Globalization;
using SafeCompletions.Storage.Sqlite;
using SafeCompletions.Contracts;
using SafeCompletions.Judge;
using SafeCompletions.Models;
using SafeCompletions.Runs;
using SafeCompletions.Specs;
using SafeCompletions.Testing;

namespace SafeCompletions.Bench;

/// <summary>
/// The evaluation harness against a loopback model of fixed latency L at concurrency C: generation calls per second
/// against the C / L bound (start-up included), and peak memory as the prompt set grows (one process per size).
///   SafeCompletions.Bench eval --prompts 2000 --latency-ms 100 --concurrency 16
///   bench/eval-memory.sh
/// </summary>
internal static class EvalBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var prompts = BenchArgs.Int(args, "--prompts", 2000);
        var latencyMs = BenchArgs.Int(args, "--latency-ms", 100);
        var concurrency = BenchArgs.Int(args, "--concurrency", 16);
        var samples = BenchArgs.Int(args, "--samples", 1);
        var work = Path.Combine(Path.GetTempPath(), "safecomp-eval-bench-" + Environment.ProcessId);
        Directory.CreateDirectory(work);

        await using var model = await OpenAIStubServer.StartAsync(
            (body, call) => StubReply.Slow(TimeSpan.FromMilliseconds(latencyMs), $"A short safe answer ({call})."), keepRequests: false);
        await using var judge = await OpenAIStubServer.StartJudgeAsync(keepRequests: false);
        var catalog = SpecCatalog.Load();
        using var modelClient = ChatClientFactory.Create(ModelProviders.Create().Parse($"openai:bench-model@{model.BaseUrl}"), new RetryOptions { MaxRetries = 0 }, concurrency);
        using var judgeClient = ChatClientFactory.Create(ModelProviders.Create().Parse($"openai:bench-judge@{judge.BaseUrl}"), new RetryOptions { MaxRetries = 0 }, 32);
        var grader = new LlmJudge(judgeClient, "bench-judge", catalog);

        // Where the memory is: the managed heap's committed bytes, sampled, beside the process's peak working set.
        long peakManaged = 0;
        using var sampler = new Timer(_ => peakManaged = Math.Max(peakManaged, GC.GetGCMemoryInfo().TotalCommittedBytes), null, 0, 100);
        var clock = Stopwatch.StartNew();
        using var store = new SqliteEvalRunStore(Path.Combine(work, "state.db"));
        await store.AddPromptsAsync(Prompts(prompts));
        var generationSeconds = 0.0;
        var progress = new Progress(p =>
        {
            if (p.Stage == "generate" && p.Done == p.Total)
            {
                generationSeconds = clock.Elapsed.TotalSeconds;
            }
        });
        var result = await new EvalRunner(store, [new ChatResponseGenerator("m", modelClient)], grader, samples, concurrency, 32).RunAsync(work, progress);
        var totalSeconds = clock.Elapsed.TotalSeconds;

        var calls = prompts * samples;
        var bound = concurrency * 1000.0 / latencyMs;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"prompts={prompts} samples={samples} latency_ms={latencyMs} concurrency={concurrency} generation_s={generationSeconds:0.00} " +
            $"generation_calls_per_s={calls / generationSeconds:0.0} bound_C_over_L={bound:0.0} ratio={calls / generationSeconds / bound:0.000} " +
            $"total_s={totalSeconds:0.00} responses={result.Responses} grades={result.Grades.Total} unscored={result.Grades.Unscored} " +
            $"peak_working_set_mb={Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0.0} peak_managed_committed_mb={peakManaged / 1048576.0:0.0} " +
            $"sqlite_peak_mb={SQLitePCL.raw.sqlite3_memory_highwater(0) / 1048576.0:0.0} threads={Process.GetCurrentProcess().Threads.Count} {Rss()}"));
        Directory.Delete(work, recursive: true);
        return 0;
    }

    /// <summary>The resident set now, split into anonymous memory and file pages mapped in (e.g. SQLite's mmap).</summary>
    private static string Rss() => string.Join(' ', File.ReadLines("/proc/self/status")
        .Where(l => l.StartsWith("RssAnon", StringComparison.Ordinal) || l.StartsWith("RssFile", StringComparison.Ordinal))
        .Select(l => l.Split(':') is [var name, var value] ? $"{name.ToLowerInvariant()}_kb={value.Trim().Split(' ')[0]}" : l));

    private static async IAsyncEnumerable<PromptRow> Prompts(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return new PromptRow { Id = $"p{i}", Prompt = $"Question {i}: how do phishing kits work, and how do I spot one?", Category = "cyber", Intent = Intent.DualUse };
        }
        await Task.CompletedTask;
    }

    private sealed class Progress(Action<EvalProgress> report) : IProgress<EvalProgress>
    {
        public void Report(EvalProgress value) => report(value);
    }
}
