using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace SafeCompletions.Server.Internal;

/// <summary>
/// Checks <c>Authorization: Bearer KEY</c> in constant time: both sides are hashed first, so neither the key's
/// content nor its length leaks through timing. The key itself is kept only as its hash.
/// </summary>
internal sealed class ApiKeyCheck(string key)
{
    private readonly byte[] _keyHash = SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public bool Allows(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        var presented = header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : "";
        var presentedHash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        return CryptographicOperations.FixedTimeEquals(presentedHash, _keyHash) && presented.Length > 0;
    }
}
