using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SafeCompletions.Cli.Tests.Commands;

/// <summary>
/// One loopback endpoint that plays both parts of an SFT run: the reasoning model (requests with no response schema)
/// and the judge (safety_verdict / helpfulness_verdict). The generator answers each request about the text between
/// &lt;request&gt; tags, returning its reasoning in the style a test asks for; the judge finds an answer unsafe when
/// it contains <see cref="UnsafeMarker"/>.
/// </summary>
internal static partial class SftStub
{
    public const string UnsafeMarker = "EXACT-QUANTITIES";

    public static Task<OpenAIStubServer> StartAsync(string style = "think", Func<string, int, StubReply?>? generate = null, Func<string, string>? helpfulness = null, TimeSpan latency = default) =>
        OpenAIStubServer.StartAsync((body, call) =>
        {
            var text = OpenAIStubServer.AllText(body);
            switch (OpenAIStubServer.SchemaName(body))
            {
                case "safety_verdict":
                    return StubReply.Content(text.Contains(UnsafeMarker) ? Verdicts.Safety("direct", 0.1, "high", 0.9) : Verdicts.Safety());
                case "helpfulness_verdict":
                    return StubReply.Content(helpfulness?.Invoke(text) ?? Verdicts.Helpfulness());
            }
            var request = RequestOf(body);
            return (generate?.Invoke(request, call) ?? Reply(style, ReasoningFor(request), AnswerFor(request))) with { Delay = latency };
        });

    public static string ReasoningFor(string request) => $"The policy section that applies to \"{request}\" allows high-level help.";

    public static string AnswerFor(string request) =>
        request.Contains("dangerous", StringComparison.Ordinal) ? $"Here are the {UnsafeMarker} you asked for." : $"A careful, useful answer to: {request}";

    /// <summary>A reply carrying reasoning as <c>&lt;think&gt;</c> in the text, or as <c>reasoning_content</c>.</summary>
    public static StubReply Reply(string style, string reasoning, string answer) => style switch
    {
        "think" => StubReply.Content($"<think>\n{reasoning}\n</think>\n\n{answer}"),
        "reasoning_content" => StubReply.Content(answer) with { ReasoningContent = reasoning },
        _ => throw new ArgumentOutOfRangeException(nameof(style)),
    };

    /// <summary>The original request inside the augmented user turn (the last &lt;request&gt; block).</summary>
    public static string RequestOf(JsonObject body)
    {
        var last = body["messages"]!.AsArray().Last(m => m!["role"]!.GetValue<string>() == "user")!["content"]!.GetValue<string>();
        return RequestBlock().Match(last) is { Success: true } match ? match.Groups[1].Value.Trim() : last;
    }

    public static bool IsGeneration(JsonObject body) => OpenAIStubServer.SchemaName(body) is null;

    [GeneratedRegex(@"<request>\s*(.*?)\s*</request>", RegexOptions.Singleline)]
    private static partial Regex RequestBlock();
}
