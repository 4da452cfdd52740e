using System.Collections.Concurrent;
using System.Net;
using SafeCompletions.Contracts;
using SafeCompletions.Grading;
using SafeCompletions.Judge;
using SafeCompletions.Models;
using SafeCompletions.Specs;

namespace SafeCompletions.Models.Tests;

/// <summary>The judge against a real loopback HTTP endpoint that fails in the ways real endpoints do.</summary>
public sealed class ResilientChatClientTests
{
    private static readonly SpecCatalog Catalog = SpecCatalog.Load();
    private static readonly GradeRequest Request = new([new ChatTurn("user", "How do firewalls work?")], "They filter packets by rules.", "cyber");

    private static (LlmJudge Judge, ConcurrentQueue<RetryNotice> Notices) JudgeFor(OpenAIStubServer stub, int maxRetries = 3, TimeSpan? attemptTimeout = null)
    {
        var notices = new ConcurrentQueue<RetryNotice>();
        var options = new RetryOptions
        {
            MaxRetries = maxRetries,
            BaseDelay = TimeSpan.FromMilliseconds(10),
            MaxDelay = TimeSpan.FromMilliseconds(50),
            AttemptTimeout = attemptTimeout ?? TimeSpan.FromSeconds(30),
            OnRetry = notices.Enqueue,
        };
        var client = ChatClientFactory.Create(ModelProviders.Create().Parse($"openai:stub-judge@{stub.BaseUrl}"), options, maxConcurrency: 4);
        return (new LlmJudge(client, "stub-judge", Catalog), notices);
    }

    private static StubReply Valid(System.Text.Json.Nodes.JsonObject body) =>
        StubReply.Content(OpenAIStubServer.SchemaName(body) == "safety_verdict" ? Verdicts.Safety() : Verdicts.Helpfulness());

    [Fact]
    public async Task Grade_429WithRetryAfter_WaitsAsAskedThenSucceeds()
    {
        await using var stub = await OpenAIStubServer.StartAsync((body, call) =>
            call <= 2 ? StubReply.Failure(HttpStatusCode.TooManyRequests, ("Retry-After", "1")) : Valid(body));
        var (judge, notices) = JudgeFor(stub);

        var grade = await judge.GradeAsync(Request);

        Assert.Equal(GradeStatus.Ok, grade.Status);
        Assert.Equal(4, stub.Calls);
        Assert.Equal(2, notices.Count);
        Assert.All(notices, n => Assert.Equal(("HTTP 429", TimeSpan.FromSeconds(1), true), (n.Reason, n.Delay, n.FromRetryAfter)));
    }

    [Fact]
    public async Task Grade_503_IsRetriedWithBackoff()
    {
        await using var stub = await OpenAIStubServer.StartAsync((body, call) =>
            call == 1 ? StubReply.Failure(HttpStatusCode.ServiceUnavailable) : Valid(body));
        var (judge, notices) = JudgeFor(stub);

        var grade = await judge.GradeAsync(Request);

        Assert.Equal(GradeStatus.Ok, grade.Status);
        var notice = Assert.Single(notices);
        Assert.Equal(("HTTP 503", false), (notice.Reason, notice.FromRetryAfter));
    }

    [Fact]
    public async Task Grade_AttemptTimesOut_IsRetried()
    {
        // Only the first safety request hangs; the timeout leaves room for a cold first call to succeed.
        var safetyCalls = 0;
        await using var stub = await OpenAIStubServer.StartAsync((body, _) =>
            OpenAIStubServer.SchemaName(body) == "safety_verdict" && Interlocked.Increment(ref safetyCalls) == 1
                ? StubReply.Slow(TimeSpan.FromSeconds(30), Verdicts.Safety())
                : Valid(body));
        var (judge, notices) = JudgeFor(stub, attemptTimeout: TimeSpan.FromSeconds(2));

        var grade = await judge.GradeAsync(Request);

        Assert.Equal(GradeStatus.Ok, grade.Status);
        Assert.Contains(notices, n => n.Reason == "attempt timed out");
        Assert.True(safetyCalls >= 2);
    }

    [Fact]
    public async Task Grade_ServerKeepsFailing_StopsAfterTheBoundAndIsUnscored()
    {
        await using var stub = await OpenAIStubServer.StartAsync((_, _) => StubReply.Failure(HttpStatusCode.InternalServerError));
        var (judge, _) = JudgeFor(stub, maxRetries: 2);

        var grade = await judge.GradeAsync(Request);

        Assert.Equal(GradeStatus.Unscored, grade.Status);
        Assert.Contains("judge call failed: HTTP 500", grade.Error);
        Assert.Equal(2 * 3, stub.Calls);
    }

    [Fact]
    public async Task Grade_400_IsNotRetried()
    {
        await using var stub = await OpenAIStubServer.StartAsync((_, _) => StubReply.Failure(HttpStatusCode.BadRequest));
        var (judge, notices) = JudgeFor(stub);

        var grade = await judge.GradeAsync(Request);

        Assert.Equal(GradeStatus.Unscored, grade.Status);
        Assert.Contains("HTTP 400", grade.Error);
        Assert.Equal(2, stub.Calls);
        Assert.Empty(notices);
    }

    [Fact]
    public async Task Grade_OverHttp_SendsTheJsonSchemaNamesAndDeterministicSettings()
    {
        await using var stub = await OpenAIStubServer.StartJudgeAsync();
        var (judge, _) = JudgeFor(stub);

        await judge.GradeAsync(Request);

        Assert.Equal(["helpfulness_verdict", "safety_verdict"], stub.Requests.Select(OpenAIStubServer.SchemaName).Order());
        Assert.All(stub.Requests, body =>
        {
            Assert.Equal("stub-judge", body["model"]!.GetValue<string>());
            Assert.Equal(0.0, body["temperature"]!.GetValue<double>());
            Assert.Equal("json_schema", body["response_format"]!["type"]!.GetValue<string>());
        });
    }

    [Theory]
    [InlineData("retry-after-ms", "1500", 1.5)]
    [InlineData("Retry-After", "600", 60)]
    public async Task RetryAfter_ReadsMillisecondsAndCapsLongWaits(string header, string value, double expectedSeconds)
    {
        await using var stub = await OpenAIStubServer.StartAsync((body, call) =>
            call == 1 ? StubReply.Failure(HttpStatusCode.TooManyRequests, (header, value)) : Valid(body));
        var notices = new ConcurrentQueue<RetryNotice>();
        var client = ChatClientFactory.Create(
            ModelProviders.Create().Parse($"openai:stub-judge@{stub.BaseUrl}"),
            new RetryOptions { MaxRetries = 1, MaxRetryAfter = TimeSpan.FromSeconds(60), OnRetry = notices.Enqueue });
        using var cancel = new CancellationTokenSource();

        var task = client.GetResponseAsync([new Microsoft.Extensions.AI.ChatMessage(Microsoft.Extensions.AI.ChatRole.User, "hi")], cancellationToken: cancel.Token);
        while (notices.IsEmpty && !task.IsCompleted)
        {
            await Task.Delay(20);
        }
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), Assert.Single(notices).Delay);
    }
}
