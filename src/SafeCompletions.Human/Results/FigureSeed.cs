namespace SafeCompletions.Human.Results;

/// <summary>
/// Each figure's bootstrap gets its own seed, derived from the run's seed and the figure's name (FNV-1a of its UTF-16
/// code units), so that adding a model or an intent does not move any other figure's interval.
/// </summary>
internal static class FigureSeed
{
    public static int Of(int seed, string figure)
    {
        var hash = 2166136261u ^ (uint)seed;
        foreach (var c in figure)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return (int)(hash & 0x7FFFFFFF);
    }
}
