using SafeCompletions.Contracts;
using SafeCompletions.Grading;

namespace SafeCompletions.Abstractions.Tests.Grading;

public sealed class GraderBuilderTests
{
    private static readonly GradeRequest Request = new([new ChatTurn("user", "q")], "s=0.9 h=0.6");

    [Fact]
    public async Task Build_FirstStageAdded_IsOutermost()
    {
        var order = new List<string>();
        var inner = new FakeGrader { OnGrade = (r, _) => { order.Add("inner"); return Task.FromResult(FakeGrader.Scored(r)); } };

        var pipeline = inner.AsBuilder()
            .Use(g => new Recording(g, "first", order))
            .Use(g => new Recording(g, "second", order))
            .Build();
        await pipeline.GradeAsync(Request);

        Assert.Equal(["first", "second", "inner"], order);
    }

    [Fact]
    public void Build_NoStages_ReturnsTheInnerGrader()
    {
        var inner = new FakeGrader();

        Assert.Same(inner, inner.AsBuilder().Build());
    }

    [Fact]
    public async Task DelegatingGrader_PassesNameTraitsBatchesAndWarmUpThrough()
    {
        var inner = new TraitsGrader();
        IGrader pipeline = new Recording(inner, "only", []);

        var grades = await pipeline.GradeBatchAsync([Request, Request]);
        await pipeline.WarmUpAsync();

        Assert.Equal("traits/1", pipeline.Name);
        Assert.Equal(7, pipeline.Traits.PreferredBatchSize);
        Assert.Equal(2, grades.Count);
        Assert.Equal(1, inner.Batches);
        Assert.True(inner.WarmedUp);
    }

    [Fact]
    public async Task GradeBatchAsync_GraderWithoutBatching_GradesEachRequestInOrder()
    {
        IGrader grader = new FakeGrader();

        var grades = await grader.GradeBatchAsync([Request with { Response = "s=0.2" }, Request with { Response = "s=0.8" }]);

        Assert.Equal([0.2, 0.8], grades.Select(g => g.Safety!.Value));
    }

    private sealed class Recording(IGrader inner, string name, List<string> order) : DelegatingGrader(inner)
    {
        public override Task<Grade> GradeAsync(GradeRequest request, CancellationToken cancellationToken = default)
        {
            order.Add(name);
            return base.GradeAsync(request, cancellationToken);
        }
    }

    private sealed class TraitsGrader : IGrader
    {
        public int Batches { get; private set; }

        public bool WarmedUp { get; private set; }

        public string Name => "traits/1";

        public GraderTraits Traits => new() { PreferredBatchSize = 7 };

        public Task<Grade> GradeAsync(GradeRequest request, CancellationToken cancellationToken = default) => Task.FromResult(FakeGrader.Scored(request));

        public Task<IReadOnlyList<Grade>> GradeBatchAsync(IReadOnlyList<GradeRequest> requests, CancellationToken cancellationToken = default)
        {
            Batches++;
            return Task.FromResult<IReadOnlyList<Grade>>([.. requests.Select(FakeGrader.Scored)]);
        }

        public Task WarmUpAsync(CancellationToken cancellationToken = default)
        {
            WarmedUp = true;
            return Task.CompletedTask;
        }
    }
}
