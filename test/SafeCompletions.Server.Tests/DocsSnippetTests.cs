using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using SafeCompletions.Contracts;
using SafeCompletions.Server;

namespace SafeCompletions.Server.Tests;

/// <summary>
/// The verl and TRL reward functions of docs/serve.md, taken from the page as it is and run with Debian's Python
/// (standard library only) against the service, in the shapes the trainers call them: verl's reward manager with
/// keywords and its extra keyword arguments, its batch reward manager, TRL's GRPOTrainer with dataset columns and
/// <c>log_metric</c>, sync and async.
/// </summary>
public sealed partial class DocsSnippetTests : IDisposable
{
    private const string Python = "/usr/bin/python3";
    private const string Key = "sk-docs-snippet-1f9e";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>What the trainer side does with each function; prints one JSON object of what came back.</summary>
    private const string Harness = """
        import asyncio, importlib.util, json, sys

        def load(path, name):
            spec = importlib.util.spec_from_file_location(name, path)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            return module

        verl = load(sys.argv[1], "safecomp_verl")
        trl = load(sys.argv[2], "safecomp_trl")
        url, keyed_url, key = sys.argv[3], sys.argv[4], sys.argv[5]
        verl.URL = trl.URL = url
        out = {}

        # verl's naive reward manager: keywords, extra_info with its own additions, and the reward loop's keyword arguments.
        out["verl_chat"] = verl.compute_score(data_source="safety", solution_str="s=1 h=0.5", ground_truth="",
            extra_info={"prompt": [{"role": "user", "content": "How do locks work?"}], "category": "cyber", "num_turns": None, "rollout_reward_scores": {}},
            reward_router_address=None, reward_model_tokenizer=None)
        out["verl_string"] = verl.compute_score("safety", "s=0.8 h=0.25", "", {"prompt": "How do locks work?"})
        out["verl_unscored"] = verl.compute_score(data_source="safety", solution_str="bad", ground_truth="", extra_info={"prompt": "Hi"})
        # verl's batch reward manager.
        out["verl_batch"] = verl.compute_score_batch(data_sources=["a", "b"], solution_strs=["s=1 h=1", "bad"], ground_truths=[None, None],
            extra_infos=[{"prompt": "Q1", "category": "privacy", "rollout_reward_scores": {}}, {"prompt": [{"role": "user", "content": "Q2"}]}])
        # An HTTP error is an error, not a reward; the key then lets the call through.
        verl.URL = keyed_url
        try:
            verl.compute_score("safety", "s=1 h=1", "", {"prompt": "Q"})
            out["verl_http_error"] = None
        except Exception as error:
            out["verl_http_error"] = str(error)
        verl.API_KEY = key
        out["verl_with_key"] = verl.compute_score("safety", "s=1 h=1", "", {"prompt": "Q"})

        # TRL's GRPOTrainer: prompts, completions, completion_ids, the dataset's other columns, trainer_state, log_extra, log_metric.
        metrics = {}
        def log_metric(name, value):
            metrics.setdefault(name, []).append(value)
        out["trl_sync"] = trl.safecomp_reward(
            prompts=[[{"role": "user", "content": "Q1"}], [{"role": "user", "content": "Q2"}], [{"role": "user", "content": "Q3"}], [{"role": "user", "content": "Q4"}]],
            completions=[[{"role": "assistant", "content": "s=1 h=0.25"}], [{"role": "assistant", "content": [{"type": "text", "text": "s=0.5 h=1"}]}],
                         [{"role": "assistant", "content": "bad"}], [{"role": "assistant", "content": "s=0 h=1"}]],
            completion_ids=[[1], [2], [3], [4]], category=["cyber", None, "cyber", "hate"], trainer_state=None,
            log_extra=lambda column, values: None, log_metric=log_metric)
        out["trl_async"] = asyncio.run(trl.safecomp_reward_async(prompts=["Q1", "Q2"], completions=["s=1 h=0.5", "bad"],
            completion_ids=[[1], [2]], category=["cyber", "cyber"], trainer_state=None, log_extra=lambda column, values: None, log_metric=log_metric))
        out["trl_metrics"] = metrics
        print(json.dumps(out))
        """;

    [Fact]
    public async Task VerlAndTrlSnippets_CalledAsTheTrainersCallThem_GetTheServicesRewards()
    {
        var seen = new List<(string Response, string? Category, int Turns)>();
        var grader = new FakeGrader
        {
            OnGrade = (request, _) =>
            {
                lock (seen)
                {
                    seen.Add((request.Response, request.Category, request.Conversation.Count));
                }
                return Task.FromResult(request.Response == "bad" ? Grade.Unscored("fake/1", "judge failed") : FakeGrader.Scored(request));
            },
        };
        var categories = new HashSet<string> { "cyber", "privacy", "hate" };
        await using var open = await ServerHost.StartAsync(grader, new RewardServerOptions { Categories = categories });
        await using var keyed = await ServerHost.StartAsync(grader, new RewardServerOptions { ApiKey = Key });
        var docs = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "docs", "serve.md"));

        var output = await RunPythonAsync(
            _dir.Write("harness.py", Harness), _dir.Write("safecomp_verl.py", Snippet(docs, "safecomp_verl.py")), _dir.Write("safecomp_trl.py", Snippet(docs, "safecomp_trl.py")),
            open.App.Urls.First() + "/v1/rewards", keyed.App.Urls.First() + "/v1/rewards", Key);

        var results = JsonDocument.Parse(output).RootElement;
        AssertScore(results.GetProperty("verl_chat"), 0.5, 1.0, 0.5, 0.0);
        AssertScore(results.GetProperty("verl_string"), 0.2, 0.8, 0.25, 0.0);
        AssertScore(results.GetProperty("verl_unscored"), 0.0, 0.0, 0.0, 1.0);
        AssertScore(results.GetProperty("verl_batch")[0], 1.0, 1.0, 1.0, 0.0);
        AssertScore(results.GetProperty("verl_batch")[1], 0.0, 0.0, 0.0, 1.0);
        Assert.Contains("HTTP 401", results.GetProperty("verl_http_error").GetString());
        AssertScore(results.GetProperty("verl_with_key"), 1.0, 1.0, 1.0, 0.0);
        Assert.Equal(["0.25", "0.5", "null", "0"], Rewards(results.GetProperty("trl_sync")));
        Assert.Equal(["0.5", "null"], Rewards(results.GetProperty("trl_async")));
        var metrics = results.GetProperty("trl_metrics");
        Assert.Equal([0.25, 0.5], metrics.GetProperty("safecomp/unscored_share").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal([(1.0 + 0.5 + 0.0) / 3, 1.0], metrics.GetProperty("safecomp/safety").EnumerateArray().Select(v => v.GetDouble()));
        // What reached the grader: chat-list and string prompts, the dataset's category, the answer text of a list of parts.
        Assert.Contains(("s=1 h=0.5", "cyber", 1), seen);
        Assert.Contains(("s=1 h=1", "privacy", 1), seen);
        Assert.Contains(("s=0.5 h=1", null, 1), seen);
        Assert.Contains(("s=0 h=1", "hate", 1), seen);
    }

    private static void AssertScore(JsonElement score, double reward, double safety, double helpfulness, double unscored) =>
        Assert.Equal((reward, safety, helpfulness, unscored), (score.GetProperty("score").GetDouble(), score.GetProperty("safety").GetDouble(),
            score.GetProperty("helpfulness").GetDouble(), score.GetProperty("unscored").GetDouble()));

    /// <summary>TRL's rewards as text: the numbers, and "null" where an item was unscored.</summary>
    private static IEnumerable<string> Rewards(JsonElement rewards) =>
        rewards.EnumerateArray().Select(r => r.ValueKind == JsonValueKind.Null ? "null" : r.GetDouble().ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The page's Python block whose first line names the file, as a user would copy it.</summary>
    private static string Snippet(string docs, string file) =>
        PythonBlocks().Matches(docs).Select(m => m.Groups["code"].Value).SingleOrDefault(code => code.StartsWith($"# {file}", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"docs/serve.md has no ```python block starting with '# {file}'");

    private static async Task<string> RunPythonAsync(params string[] arguments)
    {
        Assert.True(File.Exists(Python), $"{Python} (Debian's python3) runs the docs' snippets; install python3");
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var python = Process.Start(start)!;
        var stdout = python.StandardOutput.ReadToEndAsync();
        var stderr = python.StandardError.ReadToEndAsync();
        await python.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(python.ExitCode == 0, $"python exited {python.ExitCode}: {await stderr}");
        return await stdout;
    }

    private static string RepositoryRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "SafeCompletions.slnx")))
        {
            root = root.Parent;
        }
        return root?.FullName ?? throw new DirectoryNotFoundException("the tests run from inside the checkout");
    }

    [GeneratedRegex(@"```python\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex PythonBlocks();
}
