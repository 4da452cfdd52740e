using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using SafeCompletions.Contracts;
using SafeCompletions.Server;
using SafeCompletions.Server.Tests.Wire;

namespace SafeCompletions.Server.Tests;

/// <summary>The reward service over HTTP on loopback, with a delegate-driven grader: contracts, limits, the API key, timeouts, shutdown.</summary>
public sealed class RewardServerTests
{
    private const string Key = "sk-test-KEY-7f3a9c2e1b";

    private static object Items(params string[] responses) =>
        new { items = responses.Select(r => new { prompt = "How do phishing kits work?", response = r }).ToArray() };

    [Fact]
    public async Task Rewards_EachItemGetsTheGradesRewardHTimesS_InItemOrder()
    {
        await using var host = await ServerHost.StartAsync(new FakeGrader());

        var response = await host.PostAsync("/v1/rewards", Items("s=0.9 h=0.5", "s=0.2 h=1", "s=1 h=0.75"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await ServerHost.JsonAsync(response)).GetProperty("results").EnumerateArray().ToList();
        Assert.Equal([0.9 * 0.5, 0.2 * 1, 1 * 0.75], results.Select(r => r.GetProperty("reward").GetDouble()));
        Assert.Equal([0.9, 0.2, 1.0], results.Select(r => r.GetProperty("safety").GetDouble()));
        Assert.Equal([0.5, 1.0, 0.75], results.Select(r => r.GetProperty("helpfulness").GetDouble()));
        Assert.Equal(["safe_completion", "direct", "safe_completion"], results.Select(r => r.GetProperty("mode").GetString()));
        Assert.Equal(["none", "high", "none"], results.Select(r => r.GetProperty("severity").GetString()));
        Assert.All(results, r => Assert.Equal("ok", r.GetProperty("status").GetString()));
        Assert.All(results, r => Assert.Equal(JsonValueKind.Null, r.GetProperty("error").ValueKind));
    }

    [Fact]
    public async Task Rewards_WholeNumbers_AreWrittenAsFloatLiterals()
    {
        await using var host = await ServerHost.StartAsync(new FakeGrader());

        var response = await host.PostAsync("/v1/rewards", Items("s=1 h=1", "s=0 h=1"));

        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"reward\":1.0,\"safety\":1.0,\"helpfulness\":1.0", text);
        Assert.All(FloatJsonConverterTests.NumberLiterals(text), n => Assert.True(FloatJsonConverterTests.IsFloatLiteral(n), text));
    }

    [Fact]
    public async Task Rewards_MessagesAndCategory_ReachTheGrader()
    {
        var seen = new List<(IReadOnlyList<ChatTurn> Conversation, string? Category)>();
        await using var host = await ServerHost.StartAsync(new FakeGrader
        {
            OnGrade = (request, _) =>
            {
                lock (seen)
                {
                    seen.Add((request.Conversation, request.Category));
                }
                return Task.FromResult(FakeGrader.Scored(request));
            },
        });

        var response = await host.PostAsync("/v1/rewards", """
            {"items":[{"messages":[{"role":"system","content":"Be kind."},{"role":"user","content":"Hi?"}],"response":"Hello.","category":"privacy"}]}
            """);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (conversation, category) = Assert.Single(seen);
        Assert.Equal([new ChatTurn("system", "Be kind."), new ChatTurn("user", "Hi?")], conversation);
        Assert.Equal("privacy", category);
    }

    [Fact]
    public async Task Rewards_ResultCarriesTheGradesConfidence_NullWhenItHasNone()
    {
        await using var host = await ServerHost.StartAsync(new FakeGrader
        {
            OnGrade = (request, _) => Task.FromResult(request.Response == "sure" ? FakeGrader.Scored(request) with { Confidence = 0.875 } : FakeGrader.Scored(request)),
        });

        var response = await host.PostAsync("/v1/rewards", Items("sure", "s=0.9 h=0.5"));

        var results = (await ServerHost.JsonAsync(response)).GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(0.875, results[0].GetProperty("confidence").GetDouble());
        Assert.Equal(JsonValueKind.Null, results[1].GetProperty("confidence").ValueKind);
    }

    [Fact]
    public async Task Rewards_ContentAsAListOfTextParts_IsRead()
    {
        var seen = new List<IReadOnlyList<ChatTurn>>();
        await using var host = await ServerHost.StartAsync(new FakeGrader
        {
            OnGrade = (request, _) =>
            {
                lock (seen)
                {
                    seen.Add(request.Conversation);
                }
                return Task.FromResult(FakeGrader.Scored(request));
            },
        });

        var response = await host.PostAsync("/v1/rewards", """
            {"items":[{"messages":[{"role":"user","content":[{"type":"text","text":"How do"},{"type":"text","text":"locks work?"}]}],"response":"Pins."}]}
            """);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([new ChatTurn("user", "How do\nlocks work?")], Assert.Single(seen));
    }

    [Fact]
    public async Task Rewards_ReasoningInTheResponseOrTheMessages_NeverReachesTheGrader()
    {
        var seen = new List<GradeRequestText>();
        await using var host = await ServerHost.StartAsync(new FakeGrader
        {
            OnGrade = (request, _) =>
            {
                lock (seen)
                {
                    seen.Add(new GradeRequestText(string.Join("|", request.Conversation.Select(t => t.Content)), request.Response));
                }
                return Task.FromResult(FakeGrader.Scored(request));
            },
        });

        var response = await host.PostAsync("/v1/rewards", """
            {"items":[{"prompt":"Hi?","response":"<think>\nplan\n</think>\n\nHello."},
                      {"messages":[{"role":"user","content":"Q1"},{"role":"assistant","content":"<think>old</think>A1"},{"role":"user","content":"Q2"}],"response":"plan</think>A2"}]}
            """);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([new GradeRequestText("Q1|A1|Q2", "A2"), new GradeRequestText("Hi?", "Hello.")], seen.OrderBy(s => s.Response, StringComparer.Ordinal));
    }

    private sealed record GradeRequestText(string Conversation, string Response);

    [Fact]
    public async Task Rewards_ItemWithNullContent_IsThatItemUnscored_TheOthersAreGraded()
    {
        var grader = new FakeGrader();
        await using var host = await ServerHost.StartAsync(grader);

        var response = await host.PostAsync("/v1/rewards", """
            {"items":[{"prompt":"Hi?","response":"s=1 h=0.5"},
                      {"messages":[{"role":"user","content":"Weather?"},{"role":"assistant","content":null},{"role":"user","content":"And?"}],"response":"Sunny."},
                      {"prompt":"Bye?","response":"s=1 h=0.25"}]}
            """);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await ServerHost.JsonAsync(response)).GetProperty("results");
        Assert.Equal(2, grader.Calls);
        Assert.Equal([0.5, 0.25], new[] { results[0], results[2] }.Select(r => r.GetProperty("reward").GetDouble()));
        Assert.Equal("unscored", results[1].GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, results[1].GetProperty("reward").ValueKind);
        Assert.Contains("items[1].messages[1].content is null", results[1].GetProperty("error").GetString());
    }

    [Fact]
    public async Task Rewards_ImagePart_Is400NamingWhere()
    {
        await using var host = await ServerHost.StartAsync(new FakeGrader());

        var response = await host.PostAsync("/v1/rewards", """
            {"items":[{"messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"http://x/y.png"}}]}],"response":"A cat."}]}
            """);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await ServerHost.JsonAsync(response)).GetProperty("error").GetString();
        Assert.Contains("$.items[0].messages[0].content", error);
        Assert.Contains("only text parts can be graded", error);
    }

    [Fact]
    public async Task Rewards_UnscoredGrade_HasNullRewardAndTheReason()
    {
        await using var host = await ServerHost.StartAsync(new FakeGrader
        {
            OnGrade = (request, _) => Task.FromResult(request.Response == "bad"
                ? Grade.Unscored("fake/1", "no spec for category 'gardening'")
                : FakeGrader.Scored(request)),
        });

        var response = await host.PostAsync("/v1/rewards", Items("s=1 h=1", "bad"));

        var results = (await ServerHost.JsonAsync(response)).GetProperty("results");
        Assert.Equal(1.0, results[0].GetProperty("reward").GetDouble());
        var unscored = results[1];
        Assert.Equal(JsonValueKind.Null, unscored.GetProperty("reward").ValueKind);
        Assert.Equal(JsonValueKind.Null, unscored.GetProperty("safety").ValueKind);
        Assert.Equal(JsonValueKind.Null, unscored.GetProperty("mode").ValueKind);
        Assert.Equal("unscored", unscored.GetProperty("status").GetString());
        Assert.Equal("no spec for category 'gardening'", unscored.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Rewards_GraderThatThrows_FailsOnlyThatItem()
    {
        await using var host = await ServerHost.StartAsync(new FakeGrader
        {
            OnGrade = (request, _) => request.Response == "boom" ? throw new InvalidOperationException("kaput") : Task.FromResult(FakeGrader.Scored(request)),
        });

        var results = (await ServerHost.JsonAsync(await host.PostAsync("/v1/rewards", Items("boom", "s=1 h=0.5")))).GetProperty("results");

        Assert.Equal("grader failed: InvalidOperationException: kaput", results[0].GetProperty("error").GetString());
        Assert.Equal(0.5, results[1].GetProperty("reward").GetDouble());
    }

    [Fact]
    public async Task Rewards_ItemsNotGradedInTime_AreUnscoredWithReasonTimeout()
    {
        var time = new FakeTimeProvider();
        var slowStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await ServerHost.StartAsync(new FakeGrader
        {
            OnGrade = async (request, cancellationToken) =>
            {
                if (request.Response != "slow")
                {
                    return FakeGrader.Scored(request);
                }
                slowStarted.SetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
                throw new InvalidOperationException("unreachable");
            },
        }, new RewardServerOptions { RequestTimeout = TimeSpan.FromSeconds(30), Time = time });

        var pending = host.PostAsync("/v1/rewards", Items("s=1 h=0.5", "slow"));
        await slowStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        time.Advance(TimeSpan.FromSeconds(30));
        var response = await pending.WaitAsync(TimeSpan.FromSeconds(30));

        var results = (await ServerHost.JsonAsync(response)).GetProperty("results");
        Assert.Equal(0.5, results[0].GetProperty("reward").GetDouble());
        Assert.Equal(JsonValueKind.Null, results[1].GetProperty("reward").ValueKind);
        Assert.Equal("unscored", results[1].GetProperty("status").GetString());
        Assert.StartsWith("timeout", results[1].GetProperty("error").GetString());
    }

    [Fact]
    public async Task Rewards_GraderIgnoringCancellation_StillTimesOut()
    {
        var time = new FakeTimeProvider();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var never = new TaskCompletionSource<Grade>();
        await using var host = await ServerHost.StartAsync(new FakeGrader
        {
            OnGrade = (_, _) =>
            {
                started.TrySetResult();
                return never.Task;
            },
        }, new RewardServerOptions { RequestTimeout = TimeSpan.FromSeconds(5), Time = time });

        var pending = host.PostAsync("/v1/rewards", Items("anything"));
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        time.Advance(TimeSpan.FromSeconds(5));

        var result = (await ServerHost.JsonAsync(await pending.WaitAsync(TimeSpan.FromSeconds(30)))).GetProperty("results")[0];
        Assert.StartsWith("timeout", result.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Rewards_FortyMegabyteBody_Is413(bool expectContinue)
    {
        var grader = new FakeGrader();
        await using var host = await ServerHost.StartAsync(grader, new RewardServerOptions { MaxBodyBytes = 16L * 1024 * 1024 });
        var huge = "{\"items\":[{\"prompt\":\"a\",\"response\":\"" + new string('x', 40 * 1024 * 1024) + "\"}]}";
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/rewards") { Content = new StringContent(huge, Encoding.UTF8, "application/json") };
        request.Headers.ExpectContinue = expectContinue;

        var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("over the limit of 16,777,216 bytes (--max-body-bytes)", (await ServerHost.JsonAsync(response)).GetProperty("error").GetString());
        Assert.Equal(0, grader.Calls);
    }

    [Fact]
    public async Task Rewards_ConcurrentLargeBatches_NeverHaveMoreItemsInTheGraderThanItsConcurrency()
    {
        var (inFlight, peak) = (0, 0);
        await using var host = await ServerHost.StartAsync(new FakeGrader
        {
            OnGrade = async (request, cancellationToken) =>
            {
                var now = Interlocked.Increment(ref inFlight);
                lock (this)
                {
                    peak = Math.Max(peak, now);
                }
                await Task.Delay(2, cancellationToken);
                Interlocked.Decrement(ref inFlight);
                return FakeGrader.Scored(request);
            },
        }, new RewardServerOptions { GradeConcurrency = 8 });

        var responses = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => host.PostAsync("/v1/rewards", Items([.. Enumerable.Repeat("s=1 h=1", 200)]))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.InRange(peak, 2, 8);
    }

    [Fact]
    public async Task Rewards_ChunkedBodyOverTheLimit_Is413()
    {
        await using var host = await ServerHost.StartAsync(new FakeGrader(), new RewardServerOptions { MaxBodyBytes = 4096 });
        var body = "{\"items\":[{\"prompt\":\"a\",\"response\":\"" + new string('x', 64 * 1024) + "\"}]}";
        // A chunked body declares no length, so the limit must hold while reading, not only on Content-Length.
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/rewards") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TransferEncodingChunked = true;

        var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Rewards_MoreItemsThanAllowed_Is413()
    {
        await using var host = await ServerHost.StartAsync(new FakeGrader(), new RewardServerOptions { MaxItems = 3 });

        var within = await host.PostAsync("/v1/rewards", Items("a", "b", "c"));
        var over = await host.PostAsync("/v1/rewards", Items("a", "b", "c", "d"));

        Assert.Equal(HttpStatusCode.OK, within.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, over.StatusCode);
        Assert.Contains("4 items; at most 3", (await ServerHost.JsonAsync(over)).GetProperty("error").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    [InlineData(Key + "x")]
    public async Task ApiKey_MissingOrWrong_Is401(string? presented)
    {
        await using var host = await ServerHost.StartAsync(new FakeGrader(), new RewardServerOptions { ApiKey = Key });

        foreach (var path in new[] { "/v1/rewards", "/get_reward" })
        {
            var response = await host.PostAsync(path, Items("a"), presented);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains("API key", (await ServerHost.JsonAsync(response)).GetProperty("error").GetString());
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task ApiKey_Right_IsServed_AndHealthzNeedsNone()
    {
        await using var host = await ServerHost.StartAsync(new FakeGrader(), new RewardServerOptions { ApiKey = Key });

        var served = await host.PostAsync("/v1/rewards", Items("s=1 h=1"), Key);
        var health = await host.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("fake/1", (await ServerHost.JsonAsync(health)).GetProperty("grader").GetString());
    }

    [Fact]
    public async Task ApiKey_NeverAppearsInTheLogs()
    {
        await using (var host = await ServerHost.StartAsync(new FakeGrader(), new RewardServerOptions { ApiKey = Key }))
        {
            await host.PostAsync("/v1/rewards", Items("s=1 h=1"), Key);
            await host.PostAsync("/v1/rewards", Items("s=1 h=1"), Key + "-wrong");
            await host.PostAsync("/v1/rewards", "{broken", Key);
            await host.Client.GetAsync("/metrics");

            var logs = host.Logs.Text;
            Assert.Contains("/v1/rewards -> 401", logs);
            Assert.Contains("/v1/rewards -> 200", logs);
            Assert.DoesNotContain(Key, logs);
            Assert.DoesNotContain(Key[..12], logs);
        }
    }

    [Fact]
    public async Task Stop_LetsARequestInFlightFinish()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await ServerHost.StartAsync(new FakeGrader
        {
            OnGrade = async (request, _) =>
            {
                started.TrySetResult();
                await release.Task;
                return FakeGrader.Scored(request);
            },
        });
        var inFlight = host.PostAsync("/v1/rewards", Items("s=1 h=0.25"));
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var stopping = host.App.StopAsync();
        await Task.Delay(200);
        Assert.False(stopping.IsCompleted, "the service stopped before answering the request in flight");
        release.SetResult();
        var response = await inFlight.WaitAsync(TimeSpan.FromSeconds(30));
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0.25, (await ServerHost.JsonAsync(response)).GetProperty("results")[0].GetProperty("reward").GetDouble());
    }

    [Fact]
    public async Task Metrics_CountRequestsBatchesAndUnscoredItems()
    {
        var cache = new SafeCompletions.Caching.VerdictCacheCounts();
        await using var host = await ServerHost.StartAsync(new FakeGrader
        {
            OnGrade = (request, _) => Task.FromResult(request.Response == "bad" ? Grade.Unscored("fake/1", "nope") : FakeGrader.Scored(request)),
        }, new RewardServerOptions { CacheCounts = cache });
        // A second service in the same process must not show up in the first one's figures.
        await using var other = await ServerHost.StartAsync(new FakeGrader());

        await host.PostAsync("/v1/rewards", Items("s=1 h=1", "bad", "s=1 h=1"));
        await host.PostAsync("/v1/rewards", "{");
        await other.PostAsync("/v1/rewards", Items("a", "b", "c", "d", "e"));
        var metrics = await host.Client.GetStringAsync("/metrics");

        Assert.Contains("safecomp_server_requests_total{otel_scope_name=\"SafeCompletions.Server\",endpoint=\"/v1/rewards\",status=\"200\"} 1", metrics);
        Assert.Contains("safecomp_server_requests_total{otel_scope_name=\"SafeCompletions.Server\",endpoint=\"/v1/rewards\",status=\"400\"} 1", metrics);
        Assert.Contains("safecomp_server_batch_size_sum{otel_scope_name=\"SafeCompletions.Server\",endpoint=\"/v1/rewards\"} 3", metrics);
        Assert.Contains("safecomp_server_items_total{otel_scope_name=\"SafeCompletions.Server\",status=\"ok\"} 2", metrics);
        Assert.Contains("safecomp_server_unscored_total{otel_scope_name=\"SafeCompletions.Server\",cause=\"grader\"} 1", metrics);
        Assert.Contains("safecomp_server_grade_duration_seconds_count{otel_scope_name=\"SafeCompletions.Server\"} 3", metrics);
        Assert.Contains("safecomp_server_request_duration_seconds_count", metrics);
        Assert.Contains("safecomp_server_cache_lookups_total{otel_scope_name=\"SafeCompletions.Server\",result=\"hit\"} 0", metrics);
    }
}
