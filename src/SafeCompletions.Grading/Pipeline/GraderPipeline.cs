using SafeCompletions.Caching;
using SafeCompletions.Specs;

namespace SafeCompletions.Grading;

/// <summary>The stages of a grader pipeline, as <see cref="GraderBuilder"/> calls (the first added is the outermost).</summary>
public static class GraderPipeline
{
    /// <summary>Keeps scored grades in <paramref name="cache"/> (<see cref="CachingGrader"/>).</summary>
    public static GraderBuilder UseCache(this GraderBuilder builder, IVerdictCache cache, SpecCatalog catalog) =>
        builder.Use(inner => new CachingGrader(inner, cache, catalog));

    /// <summary>Answers a request not graded within <paramref name="timeout"/> unscored (<see cref="TimeoutGrader"/>).</summary>
    public static GraderBuilder UseTimeout(this GraderBuilder builder, TimeSpan timeout, Func<TimeSpan, string>? reason = null, TimeProvider? time = null) =>
        builder.Use(inner => new TimeoutGrader(inner, timeout, reason, time));

    /// <summary>Turns a grader's exception into an unscored grade with the reason (<see cref="UnscoredOnFaultGrader"/>).</summary>
    public static GraderBuilder UseUnscoredOnFault(this GraderBuilder builder) =>
        builder.Use(inner => new UnscoredOnFaultGrader(inner));

    /// <summary>Lets at most <paramref name="maxConcurrency"/> grade calls be in flight at once (<see cref="ConcurrencyLimitingGrader"/>).</summary>
    public static GraderBuilder UseConcurrencyLimit(this GraderBuilder builder, int maxConcurrency) =>
        builder.Use(inner => new ConcurrencyLimitingGrader(inner, maxConcurrency));
}
