using System.Text.Json;
using SafeCompletions.Contracts;

namespace SafeCompletions.Judge;

/// <summary>
/// Reads the fields of a judge's JSON reply, keeping the first problem met (with the field's path), so a rubric can
/// read every field in turn and check <see cref="Error"/> once.
/// </summary>
internal sealed class VerdictFields(JsonElement root, string prefix = "")
{
    private VerdictFields? _parent;

    /// <summary>The first problem found, or null when every field read so far was valid.</summary>
    public string? Error { get; private set; }

    public double Unit(string name)
    {
        if (Get(name, JsonValueKind.Number, "a number") is not { } element)
        {
            return 0;
        }
        var value = element.GetDouble();
        if (value is < 0 or > 1)
        {
            Fail($"'{prefix}{name}' is {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}, outside [0, 1]");
        }
        return value;
    }

    /// <summary>
    /// A number in [0, 1] the reply may leave out: null when the field is absent or null; otherwise checked like
    /// <see cref="Unit"/> (not a number, or outside [0, 1], makes the reply invalid).
    /// </summary>
    public double? OptionalUnit(string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var element) && element.ValueKind != JsonValueKind.Null
            ? Unit(name)
            : null;

    public int Rating(string name, int min, int max)
    {
        if (Get(name, JsonValueKind.Number, "a number") is not { } element)
        {
            return min;
        }
        if (!element.TryGetInt32(out var value))
        {
            Fail($"'{prefix}{name}' is {element.GetRawText()}, not a whole number");
            return min;
        }
        if (value < min || value > max)
        {
            Fail($"'{prefix}{name}' is {value}, outside {min} to {max}");
        }
        return value;
    }

    public string Text(string name) => Get(name, JsonValueKind.String, "text")?.GetString() ?? "";

    public TEnum Enum<TEnum>(string name) where TEnum : struct, System.Enum
    {
        var text = Get(name, JsonValueKind.String, "text")?.GetString();
        if (text is not null && !ContractNames.TryParse(text, out TEnum value))
        {
            Fail($"'{prefix}{name}' is '{text}', not one of {ContractNames.AllOf<TEnum>()}");
            return default;
        }
        ContractNames.TryParse(text, out value);
        return value;
    }

    /// <summary>The fields of a nested object; its problems are reported on this reader too.</summary>
    public VerdictFields Object(string name)
    {
        var element = Get(name, JsonValueKind.Object, "an object");
        return new VerdictFields(element ?? default, $"{prefix}{name}.") { _parent = this, Error = Error };
    }

    private JsonElement? Get(string name, JsonValueKind kind, string expected)
    {
        if (Error is not null)
        {
            return null;
        }
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(name, out var element))
        {
            Fail($"missing '{prefix}{name}'");
            return null;
        }
        if (element.ValueKind != kind)
        {
            Fail($"'{prefix}{name}' is not {expected}");
            return null;
        }
        return element;
    }

    private void Fail(string message)
    {
        Error ??= message;
        _parent?.Fail(message);
    }
}
