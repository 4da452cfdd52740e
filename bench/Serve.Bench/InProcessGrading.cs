using System.Diagnostics;
using System.Text.Json.Nodes;
using SafeCompletions.Contracts;
using SafeCompletions.Embedded.Encoding;
using SafeCompletions.Grading;

namespace SafeCompletions.Bench.Serve;

/// <summary>The baseline: the same pairs graded in this process by the same grader, as <c>safecomp grade</c> does (256 pairs in flight).</summary>
internal sealed class InProcessGrading(IGrader grader, MiniLmTextEncoder encoder, IReadOnlyList<JsonObject> pairs)
{
    private readonly List<GradeRequest> _requests =
        [.. pairs.Select(p => new GradeRequest([new ChatTurn("user", (string)p["prompt"]!)], (string)p["response"]!, (string?)p["category"]))];

    /// <summary>Grades the pairs over and over for at least <paramref name="duration"/> (at least once): pairs per second, and texts per encoder call.</summary>
    public async Task<(double PairsPerSecond, double MeanEncoderBatch)> PairsPerSecondAsync(TimeSpan duration)
    {
        var (textsBefore, batchesBefore) = encoder.Counts;
        var clock = Stopwatch.StartNew();
        long done = 0;
        // A sliding window, as GradeFileRunner keeps it: a new pair starts as soon as the oldest one is graded.
        var inFlight = new Queue<Task<Grade>>();
        do
        {
            foreach (var request in _requests)
            {
                inFlight.Enqueue(grader.GradeAsync(request));
                if (inFlight.Count >= 256)
                {
                    await inFlight.Dequeue();
                    done++;
                }
            }
        }
        while (clock.Elapsed < duration);
        while (inFlight.Count > 0)
        {
            await inFlight.Dequeue();
            done++;
        }
        var (texts, batches) = encoder.Counts;
        return (done / clock.Elapsed.TotalSeconds, (texts - textsBefore) / (double)(batches - batchesBefore));
    }
}
