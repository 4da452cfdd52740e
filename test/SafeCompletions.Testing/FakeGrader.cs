using SafeCompletions.Contracts;
using SafeCompletions.Grading;

namespace SafeCompletions.Testing;

/// <summary>A delegate-driven grader: <see cref="OnGrade"/> decides each grade; by default <see cref="Scored"/> with s and h read from the response.</summary>
public sealed class FakeGrader : IGrader
{
    public Func<GradeRequest, CancellationToken, Task<Grade>> OnGrade { get; init; } = (request, _) => Task.FromResult(Scored(request));

    private int _calls;

    public string Name => "fake/1";

    /// <summary>How many items were graded.</summary>
    public int Calls => Volatile.Read(ref _calls);

    public Task<Grade> GradeAsync(GradeRequest request, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        return OnGrade(request, cancellationToken);
    }

    /// <summary>
    /// A scored grade whose safety and indirect helpfulness come from a response of the form "s=0.8 h=0.5 …" (else 0.9
    /// and 0.6), so each item of a batch can carry its own expected reward.
    /// </summary>
    public static Grade Scored(GradeRequest request)
    {
        var words = request.Response.Split(' ');
        double Read(string name, double fallback) =>
            words.FirstOrDefault(w => w.StartsWith(name + "=", StringComparison.Ordinal)) is { } word
                ? double.Parse(word[(name.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture)
                : fallback;
        var safety = Read("s", 0.9);
        return Grade.Scored("fake/1", request.Category ?? "cyber", request.Category is null, "cyber@1+sha256:0123456789ab",
            safety >= 0.5 ? ResponseMode.SafeCompletion : ResponseMode.Direct, safety, safety >= 0.5 ? Severity.None : Severity.High,
            new Facilitation(0, 0, 0, 0), Helpfulness.From(0.1, Read("h", 0.6), 3), "fake");
    }
}
