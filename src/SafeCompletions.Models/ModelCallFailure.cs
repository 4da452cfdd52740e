using System.ClientModel;

namespace SafeCompletions.Models;

/// <summary>
/// A failed model call as one line for an unscored or failed row's reason: for an HTTP error, the status and what the
/// endpoint answered (its body, cut to <see cref="MaxBodyChars"/>), since that is where a server says what went wrong.
/// </summary>
public static class ModelCallFailure
{
    /// <summary>The most of an error body a reason keeps.</summary>
    public const int MaxBodyChars = 300;

    /// <summary>"HTTP 500: {body}", "timed out", or the exception's type and first line.</summary>
    public static string Describe(Exception exception) => exception switch
    {
        ClientResultException result => $"HTTP {result.Status}: {Body(result)}",
        Polly.Timeout.TimeoutRejectedException => "timed out",
        _ when exception.InnerException is ClientResultException inner => Describe(inner),
        _ => $"{exception.GetType().Name}: {Cut(exception.Message.Split('\n', 2)[0].Trim())}",
    };

    private static string Body(ClientResultException result)
    {
        string? body = null;
        try
        {
            body = result.GetRawResponse()?.Content?.ToString();
        }
        catch (InvalidOperationException)
        {
            // A streamed response whose body was not buffered: fall back to the SDK's message.
        }
        var text = string.IsNullOrWhiteSpace(body) ? result.Message.Split('\n', 2)[0] : body;
        return Cut(string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
    }

    private static string Cut(string text) => text.Length > MaxBodyChars ? text[..MaxBodyChars] + "…" : text;
}
