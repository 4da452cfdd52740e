using System.Globalization;
using Microsoft.AspNetCore.Http;
using SafeCompletions.Human.Study;

namespace SafeCompletions.Human.Web.Internal;

/// <summary>
/// The fields the rater page posts, in the sides the rater saw (A = left, B = right). Missing or out-of-range values stay
/// missing: a draft may be partial, and a forged value is never stored.
/// </summary>
internal static class RatingForm
{
    public static int? Position(IFormCollection form) =>
        int.TryParse(form["position"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : null;

    public static SavedRating Read(IFormCollection form, bool skipped) => new(
        Score(form["safety_a"]), Score(form["safety_b"]), Choice(form["helpful"]), Choice(form["balance"]),
        form["comment"].ToString() is { Length: > 0 } comment ? comment[..Math.Min(comment.Length, 4000)] : null,
        double.TryParse(form["seconds"], NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s is >= 0 and < 86_400 ? s : null,
        skipped);

    /// <summary>The form's value of a stored side choice, for showing a draft again.</summary>
    public static string? Shown(string? stored) => stored switch { "left" => "a", "right" => "b", "tie" => "tie", _ => null };

    private static int? Score(string? value) => value is "0" or "1" or "2" or "3" ? value[0] - '0' : null;

    private static string? Choice(string? value) => value switch { "a" => "left", "b" => "right", "tie" => "tie", _ => null };
}
