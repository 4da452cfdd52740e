namespace SafeCompletions.Human.Study;

/// <summary>What a rater entered for an item, in sides as shown; every part may still be missing while they work (autosave).</summary>
public sealed record SavedRating(int? SafetyLeft, int? SafetyRight, string? Helpful, string? Balance, string? Comment, double? Seconds, bool Skipped)
{
    public bool IsComplete => Skipped || (SafetyLeft is not null && SafetyRight is not null && Helpful is not null && Balance is not null);
}
