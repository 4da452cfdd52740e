using Microsoft.Extensions.Logging;

namespace SafeCompletions.Cli.Infrastructure;

/// <summary>How <c>serve</c> and <c>human serve</c> log: warnings and worse, one line each.</summary>
internal static class ServerLogging
{
    public static void Configure(ILoggingBuilder logging) => logging
        .AddSimpleConsole(format => { format.SingleLine = true; format.TimestampFormat = "HH:mm:ss "; })
        .SetMinimumLevel(LogLevel.Warning)
        // The host logs a failed start (a port in use) with its whole stack trace before rethrowing it; the command
        // line reports that exception itself, as one line naming the address (ExitCodes).
        .AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
}
