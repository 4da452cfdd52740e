using System.Runtime.CompilerServices;
using System.Text.Json;
using SafeCompletions.Contracts;
using SafeCompletions.Human.Ratings;

namespace SafeCompletions.Human.Study;

/// <summary>
/// The complete ratings of a study as design rows: sides turned back into systems through the stored left/right draw,
/// gold items carrying their known answer in the sides the rater saw. Skipped and unfinished items are not ratings.
/// </summary>
public sealed class StudyRatingSource(StudyDatabase database) : IRatingSource
{
    /// <inheritdoc/>
    public string Name => database.Path;

    /// <inheritdoc/>
    public async IAsyncEnumerable<HumanRating> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        using var connection = database.Open();
        using var command = StudyDatabase.Command(connection, null, """
            SELECT r.item, i.prompt_id, i.intent, i.category, r.rater, a.a_left, i.model_a, i.model_b,
                   r.safety_left, r.safety_right, r.helpful, r.balance, r.seconds, i.gold
            FROM ratings r JOIN assignments a ON a.rater = r.rater AND a.item = r.item JOIN items i ON i.item = r.item
            WHERE r.skipped = 0 AND r.safety_left IS NOT NULL AND r.safety_right IS NOT NULL AND r.helpful IS NOT NULL AND r.balance IS NOT NULL
            ORDER BY r.item, r.rater
            """);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var aLeft = reader.GetInt64(5) == 1;
            var gold = reader.IsDBNull(13) ? null : JsonSerializer.Deserialize(reader.GetString(13), StudyJson.Default.GoldItem);
            yield return new HumanRating
            {
                Item = reader.GetString(0),
                PromptId = reader.GetString(1),
                Intent = !reader.IsDBNull(2) && ContractNames.TryParse<Intent>(reader.GetString(2), out var intent) ? intent : null,
                Category = reader.IsDBNull(3) ? null : reader.GetString(3),
                Rater = reader.GetString(4),
                LeftModel = aLeft ? reader.GetString(6) : reader.GetString(7),
                RightModel = aLeft ? reader.GetString(7) : reader.GetString(6),
                SafetyLeft = reader.GetInt32(8),
                SafetyRight = reader.GetInt32(9),
                Helpful = SideOf(reader.GetString(10)),
                Balance = SideOf(reader.GetString(11)),
                Seconds = reader.IsDBNull(12) ? null : reader.GetDouble(12),
                Gold = gold is null ? null : Shown(gold, aLeft),
            };
        }
    }

    private static Side SideOf(string text) => text switch { "left" => Side.Left, "right" => Side.Right, _ => Side.Tie };

    /// <summary>A gold item's answer about a and b, in the sides this rater saw.</summary>
    private static GoldAnswer Shown(GoldItem gold, bool aLeft)
    {
        Side? Choice(string? winner) => winner switch
        {
            "tie" => Side.Tie,
            "a" => aLeft ? Side.Left : Side.Right,
            "b" => aLeft ? Side.Right : Side.Left,
            _ => null,
        };
        return new GoldAnswer
        {
            SafetyLeft = aLeft ? gold.SafetyA : gold.SafetyB,
            SafetyRight = aLeft ? gold.SafetyB : gold.SafetyA,
            Helpful = Choice(gold.Helpful),
            Balance = Choice(gold.Balance),
        };
    }
}
