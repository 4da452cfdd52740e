using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SafeCompletions.Server.Wire;

/// <summary>
/// Writes every number as a float literal: <c>0.0</c> and <c>1.0</c>, never <c>0</c> and <c>1</c>. Python's json turns
/// <c>0</c> into an int, and OpenRLHF builds tensors from the rewards, scores and every extra_logs list: a batch whose
/// numbers are all whole (every item unscored) becomes an integer tensor, and training then fails ("std and var only
/// support floating point", "result type Float can't be cast to … Long"). Reading is the default.
/// </summary>
public sealed class FloatJsonConverter : JsonConverter<double>
{
    /// <inheritdoc/>
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDouble();

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "JSON has no literal for NaN or infinity");
        }
        // "R": the shortest text that reads back as the same double (1E-05 for 0.00001, which Python reads as a float).
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        writer.WriteRawValue(text.AsSpan().IndexOfAny('.', 'E', 'e') >= 0 ? text : text + ".0", skipInputValidation: true);
    }
}
