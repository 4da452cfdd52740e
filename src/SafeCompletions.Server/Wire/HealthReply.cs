using System.Text.Json.Serialization;

namespace SafeCompletions.Server.Wire;

/// <summary>The reply of <c>GET /healthz</c>: the service is up, and which grader answers.</summary>
public sealed record HealthReply(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("grader")] string Grader);
