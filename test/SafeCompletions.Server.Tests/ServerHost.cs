using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using SafeCompletions.Grading;
using SafeCompletions.Server;

namespace SafeCompletions.Server.Tests;

/// <summary>A reward service on a free loopback port (real Kestrel, no network), its client, and every log line it wrote.</summary>
public sealed class ServerHost : IAsyncDisposable
{
    private ServerHost(WebApplication app, CapturedLogs logs)
    {
        App = app;
        Logs = logs;
        // A request that asks "Expect: 100-continue" waits for the server's answer before sending its body. .NET stops
        // waiting after 1 s by default and sends anyway; a cold server on a loaded machine can take longer to answer its
        // first request, and the test would then measure the client's impatience, not the server's refusal.
        var handler = new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(30) };
        Client = new HttpClient(handler) { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(60) };
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public CapturedLogs Logs { get; }

    /// <summary>Starts a service over <paramref name="grader"/>; <paramref name="options"/> may set anything but the address.</summary>
    public static async Task<ServerHost> StartAsync(IGrader grader, RewardServerOptions? options = null)
    {
        options ??= new RewardServerOptions();
        var logs = new CapturedLogs();
        var app = RewardServer.Build(grader, new RewardServerOptions
        {
            Urls = "http://127.0.0.1:0",
            ApiKey = options.ApiKey,
            MaxBodyBytes = options.MaxBodyBytes,
            MaxItems = options.MaxItems,
            RequestTimeout = options.RequestTimeout,
            UnscoredReward = options.UnscoredReward,
            GradeConcurrency = options.GradeConcurrency,
            Categories = options.Categories,
            CacheCounts = options.CacheCounts,
            EncoderCounts = options.EncoderCounts,
            Time = options.Time,
        }, logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        await app.StartAsync();
        return new ServerHost(app, logs);
    }

    public Task<HttpResponseMessage> PostAsync(string path, string json, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        return Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostAsync(string path, object body, string? key = null) => PostAsync(path, JsonSerializer.Serialize(body), key);

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
    }
}
