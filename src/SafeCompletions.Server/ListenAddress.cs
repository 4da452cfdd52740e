using System.Net;

namespace SafeCompletions.Server;

/// <summary>
/// One address the service listens on, checked before Kestrel sees it: plain <c>http://HOST:PORT</c> (TLS belongs to a
/// proxy in front), and whether it is reachable only from this machine.
/// </summary>
public sealed record ListenAddress(string Url, string Host, int Port)
{
    /// <summary>True for 127.0.0.0/8, ::1 and localhost: only processes on this machine can connect.</summary>
    public bool IsLoopback =>
        string.Equals(Host, "localhost", StringComparison.OrdinalIgnoreCase) ||
        (IPAddress.TryParse(Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    /// <summary>Parses <c>--urls</c>: one or more addresses separated by <c>;</c> or <c>,</c>. Throws <see cref="FormatException"/> naming the bad one.</summary>
    public static IReadOnlyList<ListenAddress> ParseList(string urls)
    {
        var parts = urls.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
        {
            throw new FormatException("--urls is empty; give e.g. http://127.0.0.1:8080");
        }
        return [.. parts.Select(Parse)];
    }

    /// <summary>Parses one address; the wildcard hosts <c>*</c> and <c>+</c> mean every interface, as in Kestrel.</summary>
    public static ListenAddress Parse(string url)
    {
        var wildcard = url.Replace("://*:", "://0.0.0.0:", StringComparison.Ordinal).Replace("://+:", "://0.0.0.0:", StringComparison.Ordinal);
        if (!Uri.TryCreate(wildcard, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            throw new FormatException($"--urls: '{url}' is not an address; expected http://HOST:PORT, e.g. http://127.0.0.1:8080");
        }
        if (uri.Scheme != Uri.UriSchemeHttp)
        {
            throw new FormatException($"--urls: '{url}' uses {uri.Scheme}; the service speaks plain http (put a TLS proxy in front for https)");
        }
        if (uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.UserInfo.Length > 0)
        {
            throw new FormatException($"--urls: '{url}' has a path, query or user; expected only http://HOST:PORT");
        }
        if (!url.Contains($":{uri.Port}", StringComparison.Ordinal))
        {
            throw new FormatException($"--urls: '{url}' names no port; expected http://HOST:PORT");
        }
        return new ListenAddress(url, uri.Host, uri.Port);
    }
}
