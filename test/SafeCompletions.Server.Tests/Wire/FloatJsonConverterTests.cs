using System.Text.Json;
using SafeCompletions.Server.Wire;

namespace SafeCompletions.Server.Tests.Wire;

public sealed class FloatJsonConverterTests
{
    [Fact]
    public void Serialize_WholeNumbers_AreWrittenAsFloatLiterals()
    {
        var reply = new GetRewardResponse([0.0, 1.0, 0.25, 0.00001], [0.0, 1.0, 0.25, 0.00001],
            new Dictionary<string, IReadOnlyList<double>> { ["unscored"] = [1.0, 0.0, 0.0, 0.0] });

        var json = JsonSerializer.Serialize(reply, ServerJson.Default.GetRewardResponse);

        Assert.Equal("""{"rewards":[0.0,1.0,0.25,1E-05],"scores":[0.0,1.0,0.25,1E-05],"extra_logs":{"unscored":[1.0,0.0,0.0,0.0]}}""", json);
    }

    [Fact]
    public void Serialize_NullableNumbers_AreFloatLiteralsOrNull()
    {
        var json = JsonSerializer.Serialize(new RewardsResponse([new RewardResult { Reward = 1, Safety = 1, Helpfulness = 0 }, new RewardResult()]),
            ServerJson.Default.RewardsResponse);

        Assert.Contains("\"reward\":1.0,\"safety\":1.0,\"helpfulness\":0.0", json);
        Assert.Contains("\"reward\":null,\"safety\":null,\"helpfulness\":null", json);
    }

    /// <summary>Every number token of a JSON text, as written.</summary>
    public static IEnumerable<string> NumberLiterals(string json)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
        var literals = new List<string>();
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.Number)
            {
                literals.Add(System.Text.Encoding.UTF8.GetString(reader.ValueSpan));
            }
        }
        return literals;
    }

    /// <summary>Python's json reads a literal as a float only when it has a fraction or an exponent.</summary>
    public static bool IsFloatLiteral(string literal) => literal.AsSpan().IndexOfAny('.', 'e', 'E') >= 0;
}
