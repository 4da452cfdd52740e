using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace SafeCompletions.Human.Web.Internal;

/// <summary>
/// The admin key, presented as <c>Authorization: Bearer KEY</c> or once through the login form, which then gives a random
/// session cookie (the key itself never goes into a cookie). Both sides are hashed before a constant-time compare.
/// </summary>
internal sealed class AdminKeyCheck(string key)
{
    public const string Cookie = "safecomp-admin";
    private readonly byte[] _keyHash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
    private readonly ConcurrentDictionary<string, bool> _sessions = new();

    public bool Matches(string presented) =>
        presented.Length > 0 && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), _keyHash);

    public bool Allows(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) && Matches(header[scheme.Length..].Trim()))
        {
            return true;
        }
        return request.Cookies.TryGetValue(Cookie, out var session) && session is not null && _sessions.ContainsKey(session);
    }

    /// <summary>A new session for a browser that gave the right key in the login form.</summary>
    public string NewSession()
    {
        var session = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        _sessions[session] = true;
        return session;
    }
}
