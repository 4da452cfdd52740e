namespace SafeCompletions.Human.Results;

/// <summary>An interval as human.json writes it: [low, high], or null when there was nothing to resample.</summary>
internal static class Interval
{
    public static double[]? Of((double Low, double High)? interval) => interval is { } i ? [i.Low, i.High] : null;
}
