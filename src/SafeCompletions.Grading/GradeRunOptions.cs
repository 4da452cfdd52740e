namespace SafeCompletions.Grading;

/// <summary>Options of <see cref="GradeFileRunner"/>.</summary>
public sealed class GradeRunOptions
{
    /// <summary>Grade the valid rows and list the invalid ones instead of stopping at the first. Default false.</summary>
    public bool SkipInvalid { get; init; }

    /// <summary>How many rows may be in flight at once (1 to 100,000); the judge client bounds model calls separately. Default 64.</summary>
    public int Window { get; init; } = 64;

    internal void Validate()
    {
        if (Window is < 1 or > 100_000)
        {
            throw new ArgumentOutOfRangeException(nameof(Window), Window, "must be 1 to 100000");
        }
    }
}
