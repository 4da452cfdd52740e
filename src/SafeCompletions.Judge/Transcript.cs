using System.Security.Cryptography;
using System.Text;
using SafeCompletions.Contracts;

namespace SafeCompletions.Judge;

/// <summary>
/// Renders the conversation and the answer under judgement as delimited data. Every marker carries a nonce
/// derived from the content's own hash, so text inside cannot forge a marker and step outside the data.
/// </summary>
internal static class Transcript
{
    public static (string Text, string Nonce) Render(IReadOnlyList<ChatTurn> conversation, string response)
    {
        var nonce = Nonce(conversation, response);
        var builder = new StringBuilder();
        builder.Append("<<<TRANSCRIPT ").Append(nonce).Append(">>>\n");
        foreach (var turn in conversation)
        {
            builder.Append("<<<").Append(nonce).Append(' ').Append(turn.Role).Append(" turn>>>\n").Append(turn.Content).Append('\n');
        }
        builder.Append("<<<").Append(nonce).Append(" FINAL ANSWER UNDER REVIEW>>>\n").Append(response).Append('\n');
        builder.Append("<<<END TRANSCRIPT ").Append(nonce).Append(">>>");
        return (builder.ToString(), nonce);
    }

    private static string Nonce(IReadOnlyList<ChatTurn> conversation, string response)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var turn in conversation)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(turn.Role));
            hash.AppendData([0]);
            hash.AppendData(Encoding.UTF8.GetBytes(turn.Content));
            hash.AppendData([0]);
        }
        hash.AppendData(Encoding.UTF8.GetBytes(response));
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}
