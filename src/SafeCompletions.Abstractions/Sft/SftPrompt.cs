using System.Security.Cryptography;
using System.Text;
using SafeCompletions.Contracts;

namespace SafeCompletions.Sft;

/// <summary>
/// A unique prompt of an SFT run: the first row that asked it, the category whose spec it is generated under, and
/// its key (a hash of the conversation), which makes identical prompts one unit: generated once, one training row.
/// </summary>
public sealed record SftPrompt(string Key, PromptRow Row, string Category, bool CategoryInferred)
{
    /// <summary>SHA-256 over the turns, each field length-prefixed so that no two conversations share a key.</summary>
    public static string KeyOf(IReadOnlyList<ChatTurn> conversation)
    {
        var text = new StringBuilder();
        foreach (var turn in conversation)
        {
            text.Append(turn.Role.Length).Append(':').Append(turn.Role).Append(turn.Content.Length).Append(':').Append(turn.Content);
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
