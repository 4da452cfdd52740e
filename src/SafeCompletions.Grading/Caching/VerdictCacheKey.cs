using System.Security.Cryptography;
using System.Text;
using SafeCompletions.Contracts;

namespace SafeCompletions.Caching;

/// <summary>
/// The cache key of one verdict: SHA-256 over the judge model, the rubric and its version, the spec identity,
/// the conversation and the response, each length-prefixed so that no two different inputs share a key.
/// </summary>
public static class VerdictCacheKey
{
    public static string For(string judge, string rubric, string rubricVersion, string specIdentity, IReadOnlyList<ChatTurn> conversation, string response)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, "verdict-key/1");
        Append(hash, judge);
        Append(hash, rubric);
        Append(hash, rubricVersion);
        Append(hash, specIdentity);
        Append(hash, conversation.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var turn in conversation)
        {
            Append(hash, turn.Role);
            Append(hash, turn.Content);
        }
        Append(hash, response);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void Append(IncrementalHash hash, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        hash.AppendData(BitConverter.GetBytes((long)bytes.Length));
        hash.AppendData(bytes);
    }
}
