using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using SafeCompletions.Testing;

namespace SafeCompletions.Bench.Serve;

/// <summary>
/// Memory of one large <c>/get_reward</c> request, as OpenRLHF up to 0.9 sends a whole rollout batch: `safecomp serve`
/// (LLM grader, against a judge stub in this process that answers at once) gets one request of N queries, 8 samples per
/// prompt, each query a ChatML prompt of about 2 KB and a response of about 4 KB; one server process per size. Prints
/// the body's size, the time to answer, the server's peak resident memory above its idle level, and that growth per MB
/// of body: flat across sizes means the request streams through the grader rather than piling up state per item.
///   dotnet run -c Release --project bench/Serve.Bench -- sizes [--items 1024,4096,16384]
/// </summary>
internal static class BatchSizes
{
    public static async Task<int> RunAsync(string safecomp, int port, int[] sizes)
    {
        await using var judge = await OpenAIStubServer.StartJudgeAsync(keepRequests: false);
        Console.WriteLine("| queries | body MB | seconds | queries/s | idle RSS MB | peak RSS MB | growth MB | growth per body MB | unscored |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var size in sizes)
        {
            await using var server = await ServerProcess.StartAsync(safecomp, port,
                ["--grader", "llm", "--judge", $"openai:bench-judge@{judge.BaseUrl}", "--no-cache", "--concurrency", "64", "--request-timeout", "3600"]);
            var idle = server.RssMegabytes();
            var body = Body(size);
            using var http = new HttpClient { BaseAddress = new Uri(server.Url), Timeout = TimeSpan.FromHours(1) };
            var clock = Stopwatch.StartNew();
            using var response = await http.PostAsync("/get_reward", new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } });
            var reply = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var seconds = clock.Elapsed.TotalSeconds;
            response.EnsureSuccessStatusCode();
            var unscored = reply.RootElement.GetProperty("extra_logs").GetProperty("unscored").EnumerateArray().Sum(u => u.GetDouble());
            var peak = server.PeakRssMegabytes();
            var bodyMb = body.Length / 1048576.0;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {size} | {bodyMb:0.0} | {seconds:0.0} | {size / seconds:0} | {idle:0} | {peak:0} | {peak - idle:0} | {(peak - idle) / bodyMb:0.00} | {unscored:0} |"));
        }
        return 0;
    }

    /// <summary>N queries as OpenRLHF sends them: one distinct prompt per 8 samples, each with its own response.</summary>
    private static byte[] Body(int queries)
    {
        var prompts = new string[queries];
        var texts = new string[queries];
        for (var i = 0; i < queries; i++)
        {
            var topic = i / 8;
            var prompt = $"<|im_start|>system\nYou are a careful assistant.<|im_end|>\n<|im_start|>user\nQuestion {topic}: {Filler("how do phishing kits work and how can a small office spot them", 2000)}<|im_end|>\n<|im_start|>assistant\n";
            prompts[i] = prompt;
            texts[i] = prompt + $"Sample {i % 8}: " + Filler("they copy a login page and mail out links to it; check the address bar and report the e-mail", 4000) + "<|im_end|>";
        }
        return JsonSerializer.SerializeToUtf8Bytes(new { query = texts, prompts, labels = Enumerable.Repeat("cyber", queries) });
    }

    private static string Filler(string sentence, int length)
    {
        var text = new StringBuilder(length + sentence.Length);
        while (text.Length < length)
        {
            text.Append(sentence).Append(". ");
        }
        return text.ToString();
    }
}
