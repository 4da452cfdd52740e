using System.Text.Json.Serialization;

namespace SafeCompletions.Server.Wire;

/// <summary>Why a request was refused (400, 401, 413): a reason a person can act on.</summary>
public sealed record ErrorReply([property: JsonPropertyName("error")] string Error);
