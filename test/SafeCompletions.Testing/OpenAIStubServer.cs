using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SafeCompletions.Testing;

/// <summary>
/// A loopback OpenAI-compatible chat endpoint (Kestrel on 127.0.0.1, a free port) whose replies a test scripts,
/// including failures: a status code with headers, or a delay longer than the client's timeout.
/// </summary>
public sealed class OpenAIStubServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<JsonObject> _requests = new();
    private readonly Func<JsonObject, int, StubReply> _reply;
    private readonly bool _keepRequests;
    private readonly SemaphoreSlim? _capacity;
    private int _calls;
    private int _inFlight;
    private int _peakInFlight;

    private OpenAIStubServer(WebApplication app, Func<JsonObject, int, StubReply> reply, bool keepRequests, int capacity)
    {
        _app = app;
        _reply = reply;
        _keepRequests = keepRequests;
        _capacity = capacity > 0 ? new SemaphoreSlim(capacity, capacity) : null;
    }

    /// <summary>Every request body received, in order.</summary>
    public IReadOnlyList<JsonObject> Requests => [.. _requests];

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>The most requests that were being served at once (with a capacity, never more than it).</summary>
    public int PeakInFlight => Volatile.Read(ref _peakInFlight);

    /// <summary>The base URL to put in <c>openai:MODEL@BASE_URL</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>
    /// Starts a stub; <paramref name="reply"/> gets each request body and its 1-based call number. Benchmarks pass
    /// <paramref name="keepRequests"/> false so that the stub's own memory does not grow with the run. With a
    /// <paramref name="capacity"/>, at most that many requests are served at once and the rest wait their turn, as on
    /// an inference server with a fixed number of sequences in flight (vLLM's --max-num-seqs): the C of a C / L bound.
    /// </summary>
    public static async Task<OpenAIStubServer> StartAsync(Func<JsonObject, int, StubReply> reply, bool keepRequests = true, int capacity = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var stub = new OpenAIStubServer(app, reply, keepRequests, capacity);
        app.MapPost("/v1/chat/completions", stub.HandleAsync);
        await app.StartAsync();
        stub.BaseUrl = app.Urls.First() + "/v1";
        return stub;
    }

    /// <summary>A stub that answers each rubric with a valid verdict, after <paramref name="latency"/> when given.</summary>
    public static Task<OpenAIStubServer> StartJudgeAsync(string? safety = null, string? helpfulness = null, TimeSpan latency = default, bool keepRequests = true) =>
        StartAsync((body, _) => StubReply.Slow(latency, SchemaName(body) == "safety_verdict" ? safety ?? Verdicts.Safety() : helpfulness ?? Verdicts.Helpfulness()), keepRequests);

    /// <summary>The json_schema name a request body asks for.</summary>
    public static string? SchemaName(JsonObject body) => body["response_format"]?["json_schema"]?["name"]?.GetValue<string>();

    /// <summary>All message contents of a request body, joined.</summary>
    public static string AllText(JsonObject body) =>
        string.Join("\n", body["messages"]!.AsArray().Select(m => m!["content"] is JsonValue v ? v.GetValue<string>() : m["content"]!.ToJsonString()));

    private async Task HandleAsync(HttpContext context)
    {
        var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        if (_keepRequests)
        {
            _requests.Enqueue(body);
        }
        if (_capacity is not null)
        {
            try
            {
                await _capacity.WaitAsync(context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        try
        {
            await ServeAsync(context, body);
        }
        finally
        {
            _capacity?.Release();
        }
    }

    private async Task ServeAsync(HttpContext context, JsonObject body)
    {
        RaisePeak(Interlocked.Increment(ref _inFlight));
        try
        {
            var reply = _reply(body, Interlocked.Increment(ref _calls));
            if (reply.Delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(reply.Delay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            await WriteAsync(context, reply);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private void RaisePeak(int inFlight)
    {
        var peak = Volatile.Read(ref _peakInFlight);
        while (inFlight > peak && Interlocked.CompareExchange(ref _peakInFlight, inFlight, peak) is var seen && seen != peak)
        {
            peak = seen;
        }
    }

    private static async Task WriteAsync(HttpContext context, StubReply reply)
    {
        context.Response.StatusCode = (int)reply.Status;
        foreach (var (name, value) in reply.Headers)
        {
            context.Response.Headers[name] = value;
        }
        context.Response.ContentType = reply.Status != HttpStatusCode.OK && reply.Text is not null ? "text/plain" : "application/json";
        await context.Response.WriteAsync(reply.Status == HttpStatusCode.OK ? Completion(reply) : reply.Text ?? ErrorBody(reply.Status));
    }

    private static string Completion(StubReply reply)
    {
        var message = new JsonObject { ["role"] = "assistant", ["content"] = reply.Text };
        if (reply.ReasoningContent is not null)
        {
            // What vLLM's reasoning parsers and DeepSeek's API add beside the answer.
            message["reasoning_content"] = reply.ReasoningContent;
        }
        return new JsonObject
        {
            ["id"] = "chatcmpl-stub",
            ["object"] = "chat.completion",
            ["created"] = 1_700_000_000,
            ["model"] = "stub-model",
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = reply.FinishReason }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 10, ["completion_tokens"] = 10, ["total_tokens"] = 20 },
        }.ToJsonString();
    }

    private static string ErrorBody(HttpStatusCode status) =>
        JsonSerializer.Serialize(new { error = new { message = $"stub says {(int)status}", type = "stub_error", code = (string?)null } });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _capacity?.Dispose();
    }
}

/// <summary>What the stub answers to one request.</summary>
public sealed record StubReply(HttpStatusCode Status, string? Text, IReadOnlyDictionary<string, string> Headers, TimeSpan Delay)
{
    /// <summary>A <c>reasoning_content</c> field beside the answer, as reasoning-model servers return.</summary>
    public string? ReasoningContent { get; init; }

    /// <summary>The choice's <c>finish_reason</c>: <c>stop</c>, or <c>length</c> for a generation cut at the token limit.</summary>
    public string FinishReason { get; init; } = "stop";

    public static StubReply Content(string text) => new(HttpStatusCode.OK, text, new Dictionary<string, string>(), TimeSpan.Zero);

    public static StubReply Failure(HttpStatusCode status, params (string Name, string Value)[] headers) =>
        new(status, null, headers.ToDictionary(h => h.Name, h => h.Value), TimeSpan.Zero);

    /// <summary>An error status with this body as the server wrote it (a proxy's page, a crashed model's trace).</summary>
    public static StubReply FailureWithBody(HttpStatusCode status, string body) => new(status, body, new Dictionary<string, string>(), TimeSpan.Zero);

    public static StubReply Slow(TimeSpan delay, string text) => new(HttpStatusCode.OK, text, new Dictionary<string, string>(), delay);
}
