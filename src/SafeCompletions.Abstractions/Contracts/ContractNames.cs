using System.Text.Json;

namespace SafeCompletions.Contracts;

/// <summary>The wire names of the contract's enumerations (docs/design.md), for prompts, messages and validation.</summary>
public static class ContractNames
{
    public static string Of(Intent value) => Wire(value);
    public static string Of(ResponseMode value) => Wire(value);
    public static string Of(Severity value) => Wire(value);
    public static string Of(GradeStatus value) => Wire(value);

    /// <summary>All wire names of an enumeration, in declaration order, e.g. "benign, dual_use, malicious".</summary>
    public static string AllOf<TEnum>() where TEnum : struct, Enum =>
        string.Join(", ", Enum.GetValues<TEnum>().Select(v => Wire(v)));

    /// <summary>Parses a wire name; false when the text is not one of the enumeration's names.</summary>
    public static bool TryParse<TEnum>(string? text, out TEnum value) where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(Wire(candidate), text, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }

    private static string Wire<TEnum>(TEnum value) where TEnum : struct, Enum =>
        JsonSerializer.Serialize(value, typeof(TEnum), ContractJson.Default).Trim('"');
}
