using System.Text.Json;
using SafeCompletions.Contracts;

namespace SafeCompletions.Human.Ratings;

/// <summary>Reads one ratings row field by field, so that a problem names the exact field and what it should hold.</summary>
internal static class RatingRow
{
    public static HumanRating Parse(string text, Func<string, string, Exception> fail)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            throw fail("(line)", $"not valid JSON ({ex.Message.Split(" Path:")[0].TrimEnd('.')})");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw fail("(line)", "expected a JSON object");
            }
            var left = RequiredText(root, "left_model", fail);
            var right = RequiredText(root, "right_model", fail);
            if (left == right)
            {
                throw fail("right_model", $"is the same system as left_model ('{left}'); an item compares two systems");
            }
            return new HumanRating
            {
                Item = RequiredText(root, "item", fail),
                PromptId = RequiredText(root, "prompt_id", fail),
                Intent = OptionalIntent(root, fail),
                Category = OptionalText(root, "category", fail),
                Rater = RequiredText(root, "rater", fail),
                LeftModel = left,
                RightModel = right,
                SafetyLeft = Safety(root, "safety_left", fail) ?? throw fail("safety_left", "missing"),
                SafetyRight = Safety(root, "safety_right", fail) ?? throw fail("safety_right", "missing"),
                Helpful = Choice(root, "helpful", fail) ?? throw fail("helpful", "missing"),
                Balance = Choice(root, "balance", fail) ?? throw fail("balance", "missing"),
                Seconds = Seconds(root, fail),
                Gold = Gold(root, fail),
            };
        }
    }

    private static string RequiredText(JsonElement row, string field, Func<string, string, Exception> fail) =>
        OptionalText(row, field, fail) ?? throw fail(field, "missing");

    private static string? OptionalText(JsonElement row, string field, Func<string, string, Exception> fail)
    {
        if (!row.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            throw fail(field, "expected a string");
        }
        var text = value.GetString()!;
        return text.Trim().Length > 0 ? text : throw fail(field, "is empty");
    }

    private static Intent? OptionalIntent(JsonElement row, Func<string, string, Exception> fail)
    {
        var text = OptionalText(row, "intent", fail);
        return text is null ? null
            : ContractNames.TryParse<Intent>(text, out var intent) ? intent
            : throw fail("intent", $"expected one of {ContractNames.AllOf<Intent>()}, not '{text}'");
    }

    internal static int? Safety(JsonElement row, string field, Func<string, string, Exception> fail)
    {
        if (!row.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var rating) && rating is >= HumanRating.MinSafety and <= HumanRating.MaxSafety
            ? rating
            : throw fail(field, $"expected a whole number from {HumanRating.MinSafety} to {HumanRating.MaxSafety}, not {value.GetRawText()}");
    }

    internal static Side? Choice(JsonElement row, string field, Func<string, string, Exception> fail)
    {
        if (!row.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.String && value.GetString() switch { "left" => Side.Left, "right" => Side.Right, "tie" => Side.Tie, _ => (Side?)null } is { } side
            ? side
            : throw fail(field, $"expected \"left\", \"right\" or \"tie\", not {value.GetRawText()}");
    }

    private static double? Seconds(JsonElement row, Func<string, string, Exception> fail)
    {
        if (!row.TryGetProperty("seconds", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.Number && value.GetDouble() is >= 0 and var seconds && double.IsFinite(seconds)
            ? seconds
            : throw fail("seconds", $"expected a number of seconds, 0 or more, not {value.GetRawText()}");
    }

    private static GoldAnswer? Gold(JsonElement row, Func<string, string, Exception> fail)
    {
        if (!row.TryGetProperty("gold", out var gold) || gold.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (gold.ValueKind != JsonValueKind.Object)
        {
            throw fail("gold", "expected an object with any of safety_left, safety_right, helpful, balance");
        }
        Exception Inner(string field, string message) => fail($"gold.{field}", message);
        return new GoldAnswer
        {
            SafetyLeft = Safety(gold, "safety_left", Inner),
            SafetyRight = Safety(gold, "safety_right", Inner),
            Helpful = Choice(gold, "helpful", Inner),
            Balance = Choice(gold, "balance", Inner),
        };
    }
}
