using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace SafeCompletions.Server.Internal;

/// <summary>
/// Reads a request body as JSON under the size limit: a declared length over the limit is refused before a byte is
/// read (413), so is a chunked body that grows past it; malformed JSON gets 400 naming where it broke.
/// </summary>
internal static class JsonBody
{
    public static async Task<(T? Value, IResult? Refusal)> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> type, long maxBytes)
        where T : class
    {
        var request = context.Request;
        if (request.ContentLength > maxBytes)
        {
            await DiscardAsync(context, maxBytes).ConfigureAwait(false);
            return (null, TooLarge(request.ContentLength.Value, maxBytes));
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }
        try
        {
            var value = await JsonSerializer.DeserializeAsync(request.Body, type, context.RequestAborted).ConfigureAwait(false);
            return value is null ? (null, Internal.Refusal.BadRequest("the body is the JSON null; expected an object")) : (value, null);
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(null, maxBytes));
        }
        catch (JsonException malformed)
        {
            return (null, Internal.Refusal.BadRequest(Describe(malformed)));
        }
    }

    /// <summary>
    /// Most HTTP clients (Python's among them) report a broken pipe, not the reply, when a server answers before taking
    /// the whole body. So a body up to <see cref="DiscardFactor"/> times the limit is read and thrown away (memory stays
    /// flat) and the client gets its 413; a client that sent <c>Expect: 100-continue</c> never sends the body at all.
    /// </summary>
    private static async Task DiscardAsync(HttpContext context, long maxBytes)
    {
        var request = context.Request;
        if (request.Headers.Expect.ToString().Contains("100-continue", StringComparison.OrdinalIgnoreCase) ||
            request.ContentLength > maxBytes * DiscardFactor ||
            context.Features.Get<IHttpMaxRequestBodySizeFeature>() is not { IsReadOnly: false } limit)
        {
            return;
        }
        limit.MaxRequestBodySize = null;
        try
        {
            await request.Body.CopyToAsync(Stream.Null, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or BadHttpRequestException or OperationCanceledException)
        {
            // The client went away or sent too slowly: the 413 is written if the connection still stands.
        }
    }

    private const long DiscardFactor = 8;

    private static IResult TooLarge(long? length, long maxBytes) => Internal.Refusal.TooLarge(
        $"the body{(length is { } l ? $" ({l:N0} bytes)" : "")} is over the limit of {maxBytes:N0} bytes (--max-body-bytes); send smaller batches");

    /// <summary>"malformed JSON at $.items[2].response (line 1, byte 80): …": where, then the parser's first sentence.</summary>
    private static string Describe(JsonException exception)
    {
        var where = exception.Path is { Length: > 0 } path ? $" at {path}" : "";
        var position = exception.LineNumber is { } line ? $" (line {line + 1}, byte {exception.BytePositionInLine + 1})" : "";
        var message = exception.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].Trim();
        return $"malformed JSON{where}{position}: {message}";
    }
}
