using Microsoft.AspNetCore.Http;
using SafeCompletions.Server.Wire;

namespace SafeCompletions.Server.Internal;

/// <summary>The service's error replies: a status code and <c>{"error": reason}</c>.</summary>
internal static class Refusal
{
    public static IResult BadRequest(string reason) => With(StatusCodes.Status400BadRequest, reason);

    public static IResult TooLarge(string reason) => With(StatusCodes.Status413PayloadTooLarge, reason);

    /// <summary>413 when a batch has more items than allowed, else null.</summary>
    public static IResult? TooManyItems(int count, int maxItems) => count > maxItems
        ? TooLarge($"{count} items; at most {maxItems} per request (--max-items); send smaller batches")
        : null;

    public static IResult With(int statusCode, string reason) => Results.Json(new ErrorReply(reason), ServerJson.Default.ErrorReply, statusCode: statusCode);

    /// <summary>Writes the reply directly, for middleware that answers before any endpoint runs.</summary>
    public static Task WriteAsync(HttpContext context, int statusCode, string reason)
    {
        context.Response.StatusCode = statusCode;
        return context.Response.WriteAsJsonAsync(new ErrorReply(reason), ServerJson.Default.ErrorReply);
    }
}
