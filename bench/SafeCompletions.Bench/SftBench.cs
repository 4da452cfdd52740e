using System.Diagnostics;
using System.Globalization;
using SafeCompletions.Storage.Sqlite;
using SafeCompletions.Contracts;
using SafeCompletions.Judge;
using SafeCompletions.Models;
using SafeCompletions.Sft;
using SafeCompletions.Specs;
using SafeCompletions.Testing;

namespace SafeCompletions.Bench;

/// <summary>
/// SFT data generation against a loopback generator and judge, each of fixed latency L at concurrency C. Every prompt
/// needs N generator calls and 2N judge calls (safety and helpfulness), so the judge bounds the rate at C / (2 N L)
/// prompts per second; the bench prints prompts per second against that bound (start-up and output writing
/// included) and the process's peak memory (bench/sft-memory.sh repeats it at growing sizes).
///   SafeCompletions.Bench sft --prompts 1000 --latency-ms 100 --concurrency 16 [--candidates 1]
/// </summary>
internal static class SftBench
{
    private static async IAsyncEnumerable<SftPrompt> Prompts(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var row = new PromptRow { Id = $"p{i}", Prompt = $"Question {i}: how do phishing kits work, and how do I spot one?", Category = "cyber", Intent = Intent.DualUse };
            yield return new SftPrompt(SftPrompt.KeyOf(row.Conversation()), row, "cyber", false);
        }
        await Task.CompletedTask;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var prompts = BenchArgs.Int(args, "--prompts", 1000);
        var latencyMs = BenchArgs.Int(args, "--latency-ms", 100);
        var concurrency = BenchArgs.Int(args, "--concurrency", 16);
        var candidates = BenchArgs.Int(args, "--candidates", 1);
        var work = Path.Combine(Path.GetTempPath(), "safecomp-sft-bench-" + Environment.ProcessId);
        Directory.CreateDirectory(work);
        var latency = TimeSpan.FromMilliseconds(latencyMs);

        await using var generatorStub = await OpenAIStubServer.StartAsync(
            (_, call) => StubReply.Slow(latency, $"<think>The policy allows a high-level answer ({call}).</think>A short safe answer."), keepRequests: false);
        await using var judgeStub = await OpenAIStubServer.StartJudgeAsync(latency: latency, keepRequests: false);
        var catalog = SpecCatalog.Load();
        var retry = new RetryOptions { MaxRetries = 0 };
        using var generatorClient = ChatClientFactory.Create(ModelProviders.Create().Parse($"openai:bench-generator@{generatorStub.BaseUrl}"), retry, concurrency);
        using var judgeClient = ChatClientFactory.Create(ModelProviders.Create().Parse($"openai:bench-judge@{judgeStub.BaseUrl}"), retry, concurrency);
        var grader = new LlmJudge(judgeClient, "bench-judge", catalog);
        var options = new SftOptions { Candidates = candidates, Concurrency = concurrency };

        var clock = Stopwatch.StartNew();
        using var store = new SqliteSftRunStore(Path.Combine(work, "state.db"));
        await store.AddPromptsAsync(Prompts(prompts));
        var runner = new SftRunner(store, new CandidateGenerator(generatorClient, TemplatePlacement.User, 1024), "openai:bench-generator", grader, catalog, options);
        var result = await runner.RunAsync(work, TrainingFormat.Trl, TemplatePlacement.User);
        var seconds = clock.Elapsed.TotalSeconds;

        var bound = concurrency * 1000.0 / (2 * candidates * latencyMs);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"prompts={prompts} candidates={candidates} latency_ms={latencyMs} concurrency={concurrency} seconds={seconds:0.00} " +
            $"prompts_per_s={prompts / seconds:0.0} bound_C_over_2NL={bound:0.0} ratio={prompts / seconds / bound:0.000} " +
            $"generator_calls={generatorStub.Calls} judge_calls={judgeStub.Calls} kept={result.Stats.Kept.Total} rejected={result.Stats.Rejected.Total} " +
            $"peak_working_set_mb={Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0.0}"));
        Directory.Delete(work, recursive: true);
        return 0;
    }
}
