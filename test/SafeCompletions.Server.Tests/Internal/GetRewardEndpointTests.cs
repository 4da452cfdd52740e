using System.Net;
using SafeCompletions.Grading;
using SafeCompletions.Contracts;
using SafeCompletions.Server;
using SafeCompletions.Server.Tests.Wire;

namespace SafeCompletions.Server.Tests.Internal;

/// <summary><c>POST /get_reward</c>: OpenRLHF's remote reward-model protocol over the same grader.</summary>
public sealed class GetRewardEndpointTests
{
    private const string ChatMlPrompt = "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHow do phishing kits work?<|im_end|>\n<|im_start|>assistant\n";

    [Fact]
    public async Task GetReward_RewardsAreHTimesS_AndUnscoredBecomesZeroFlaggedInExtraLogs()
    {
        await using var host = await ServerHost.StartAsync(new FakeGrader
        {
            OnGrade = (request, _) => Task.FromResult(request.Response.Contains("bad", StringComparison.Ordinal)
                ? Grade.Unscored("fake/1", "judge failed")
                : FakeGrader.Scored(request)),
        });

        var response = await host.PostAsync("/get_reward", new
        {
            query = new[] { "Q1 s=0.8 h=0.5", "Q2 bad", "Q3 s=1 h=0.25" },
            prompts = new[] { "Q1", "Q2", "Q3" },
            labels = new[] { "", "", "" },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ServerHost.JsonAsync(response);
        Assert.Equal([0.8 * 0.5, 0.0, 0.25], body.GetProperty("rewards").EnumerateArray().Select(r => r.GetDouble()));
        Assert.Equal([0.8 * 0.5, 0.0, 0.25], body.GetProperty("scores").EnumerateArray().Select(r => r.GetDouble()));
        var logs = body.GetProperty("extra_logs");
        Assert.Equal([0.0, 1.0, 0.0], logs.GetProperty("unscored").EnumerateArray().Select(r => r.GetDouble()));
        Assert.Equal([0.8, 0.0, 1.0], logs.GetProperty("safety").EnumerateArray().Select(r => r.GetDouble()));
        Assert.Equal([0.5, 0.0, 0.25], logs.GetProperty("helpfulness").EnumerateArray().Select(r => r.GetDouble()));
    }

    [Fact]
    public async Task GetReward_UnscoredReward_IsWhatUnscoredItemsGet_AndScoredItemsKeepTheirs()
    {
        await using var host = await ServerHost.StartAsync(new FakeGrader
        {
            OnGrade = (request, _) => Task.FromResult(request.Response.Contains("bad", StringComparison.Ordinal) ? Grade.Unscored("fake/1", "judge failed") : FakeGrader.Scored(request)),
        }, new RewardServerOptions { UnscoredReward = -0.5 });

        var body = await ServerHost.JsonAsync(await host.PostAsync("/get_reward", new { query = new[] { "Q1 s=1 h=0.5", "Q2 bad", "Q3 elsewhere" }, prompts = new[] { "Q1", "Q2", "Q0" } }));

        Assert.Equal([0.5, -0.5, -0.5], body.GetProperty("rewards").EnumerateArray().Select(r => r.GetDouble()));
        Assert.Equal([0.5, -0.5, -0.5], body.GetProperty("scores").EnumerateArray().Select(r => r.GetDouble()));
        Assert.Equal([0.0, 1.0, 1.0], body.GetProperty("extra_logs").GetProperty("unscored").EnumerateArray().Select(r => r.GetDouble()));
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    [InlineData(double.NegativeInfinity)]
    public void Options_UnscoredRewardOutOfRange_IsRefusedNamingTheOption(double value)
    {
        var error = Assert.Throws<FormatException>(() => new RewardServerOptions { UnscoredReward = value }.Validate());

        Assert.Contains("--unscored-reward", error.Message);
    }

    [Fact]
    public async Task GetReward_AllUnscoredBatch_WritesEveryNumberAsAFloatLiteral()
    {
        await using var host = await ServerHost.StartAsync(new FakeGrader { OnGrade = (_, _) => Task.FromResult(Grade.Unscored("fake/1", "judge failed")) });

        var response = await host.PostAsync("/get_reward", new { query = new[] { "Q1 a", "Q2 b" }, prompts = new[] { "Q1", "Q2" } });

        var text = await response.Content.ReadAsStringAsync();
        var numbers = FloatJsonConverterTests.NumberLiterals(text).ToList();
        Assert.Equal(2 * 5, numbers.Count);
        Assert.All(numbers, n => Assert.True(FloatJsonConverterTests.IsFloatLiteral(n), $"{n} is an int to Python: {text}"));
    }

    [Fact]
    public async Task GetReward_GradesTheUntemplatedConversationAndTheResponseAlone_WithALabelledCategory()
    {
        GradeRequestSeen? seen = null;
        await using var host = await ServerHost.StartAsync(new FakeGrader
        {
            OnGrade = (request, _) =>
            {
                seen = new GradeRequestSeen(request.Conversation, request.Response, request.Category);
                return Task.FromResult(FakeGrader.Scored(request));
            },
        }, new RewardServerOptions { Categories = new HashSet<string> { "cyber" } });

        await host.PostAsync("/get_reward", new
        {
            query = new[] { "<pad><pad>" + ChatMlPrompt + "They clone a bank's login page.<|im_end|><|endoftext|>" },
            prompts = new[] { ChatMlPrompt },
            labels = new[] { "cyber" },
        });

        Assert.NotNull(seen);
        Assert.Equal([new ChatTurn("system", "Be brief."), new ChatTurn("user", "How do phishing kits work?")], seen.Conversation);
        Assert.Equal("They clone a bank's login page.", seen.Response);
        Assert.Equal("cyber", seen.Category);
    }

    /// <summary>A grader whose reward is a fingerprint of exactly what it was shown: equal rewards mean equal requests.</summary>
    private static FakeGrader FingerprintGrader() => new()
    {
        OnGrade = (request, _) =>
        {
            var seen = string.Join("\u0001", request.Conversation.Select(t => $"{t.Role}:{t.Content}")) + "\u0002" + request.Response;
            var h = BitConverter.ToUInt32(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(seen))) % 1000 / 1000.0;
            return Task.FromResult(Grade.Scored("fake/1", "cyber", false, "cyber@1+sha256:0123456789ab", ResponseMode.Direct, 1.0, Severity.None,
                new Facilitation(0, 0, 0, 0), Helpfulness.From(h, 0, 3), "fingerprint"));
        },
    };

    [Fact]
    public async Task GetReward_EveryFamilysTemplatedQuery_EarnsTheCleanPairsReward()
    {
        var renderings = TemplateRenderings.All;
        await using var host = await ServerHost.StartAsync(FingerprintGrader());

        var templated = await ServerHost.JsonAsync(await host.PostAsync("/get_reward", new
        {
            query = renderings.Select(r => r.Query).ToArray(),
            prompts = renderings.Select(r => r.Prompt).ToArray(),
        }));
        var clean = await ServerHost.JsonAsync(await host.PostAsync("/v1/rewards", new
        {
            items = renderings.Select(r => new { messages = r.Conversation.Select(t => new { role = t.Role, content = t.Content }), response = TemplateRenderings.Answer }).ToArray(),
        }));

        var gradedOtherwise = renderings.Where((_, i) => clean.GetProperty("results")[i].GetProperty("reward").GetDouble() != templated.GetProperty("rewards")[i].GetDouble());
        Assert.Empty(gradedOtherwise.Select(r => r.Family));
        Assert.All(templated.GetProperty("extra_logs").GetProperty("unscored").EnumerateArray(), u => Assert.Equal(0.0, u.GetDouble()));
    }

    [Fact]
    public async Task GetReward_LabelThatIsNoCategory_IsIgnored()
    {
        string? category = "unset";
        await using var host = await ServerHost.StartAsync(new FakeGrader
        {
            OnGrade = (request, _) =>
            {
                category = request.Category;
                return Task.FromResult(FakeGrader.Scored(request));
            },
        }, new RewardServerOptions { Categories = new HashSet<string> { "cyber" } });

        await host.PostAsync("/get_reward", new { query = new[] { "P R" }, prompts = new[] { "P" }, labels = new[] { "42" } });

        Assert.Null(category);
    }

    [Fact]
    public async Task GetReward_QueryWithoutItsPrompt_IsUnscoredAndNotGraded()
    {
        var grader = new FakeGrader();
        await using var host = await ServerHost.StartAsync(grader);

        var body = await ServerHost.JsonAsync(await host.PostAsync("/get_reward", new { query = new[] { "something else entirely" }, prompts = new[] { "the prompt" } }));

        Assert.Equal(0, grader.Calls);
        Assert.Equal(0.0, body.GetProperty("rewards")[0].GetDouble());
        Assert.Equal(1.0, body.GetProperty("extra_logs").GetProperty("unscored")[0].GetDouble());
    }

    [Fact]
    public async Task GetReward_AWholeRolloutBatch_FitsTheDefaultLimits()
    {
        // OpenRLHF 0.9 sends rollout_batch_size x n_samples_per_prompt queries at once: 4,097 of them, 17 MiB here,
        // were refused (413) five times over and the training run died.
        var prompt = TemplateRenderings.Of("Qwen2.5").Prompt.Replace("How do phishing kits work?", "How do phishing kits work? " + new string('x', 3600), StringComparison.Ordinal);
        var queries = Enumerable.Range(0, 4097).Select(i => $"{prompt}s=1 h=0.5 answer {i}<|im_end|>").ToArray();
        var grader = new FakeGrader();
        await using var host = await ServerHost.StartAsync(grader);

        var body = System.Text.Json.JsonSerializer.Serialize(new { query = queries, prompts = Enumerable.Repeat(prompt, queries.Length) });
        var response = await host.PostAsync("/get_reward", body);

        Assert.True(body.Length > 17 * 1024 * 1024, $"{body.Length} bytes");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(4097, grader.Calls);
        Assert.All((await ServerHost.JsonAsync(response)).GetProperty("rewards").EnumerateArray(), r => Assert.Equal(0.5, r.GetDouble()));
    }

    [Fact]
    public async Task GetReward_MoreQueriesThanAllowed_Is413()
    {
        await using var host = await ServerHost.StartAsync(new FakeGrader(), new RewardServerOptions { MaxItems = 2 });

        var response = await host.PostAsync("/get_reward", new { query = new[] { "a 1", "a 2", "a 3" }, prompts = new[] { "a", "a", "a" } });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    private sealed record GradeRequestSeen(IReadOnlyList<ChatTurn> Conversation, string Response, string? Category);
}
