using SafeCompletions.Caching;
using SafeCompletions.Contracts;
using SafeCompletions.Grading;
using SafeCompletions.Specs;

namespace SafeCompletions.Grading.Tests.Pipeline;

public sealed class CachingGraderTests
{
    private static readonly SpecCatalog Catalog = SpecCatalog.Load();
    private static readonly GradeRequest Request = new([new ChatTurn("user", "How do phishing kits work?")], "s=0.8 h=0.7", "cyber");

    [Fact]
    public async Task GradeAsync_SameRequestTwice_SecondComesFromTheCache()
    {
        var inner = new FakeGrader();
        var grader = inner.AsBuilder().UseCache(new MemoryCache(), Catalog).Build();

        var first = await grader.GradeAsync(Request);
        var second = await grader.GradeAsync(Request);

        Assert.Equal(1, inner.Calls);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task GradeAsync_UnscoredGrade_IsNotKept()
    {
        var inner = new FakeGrader { OnGrade = (_, _) => Task.FromResult(Grade.Unscored("fake/1", "judge kept failing")) };
        var grader = inner.AsBuilder().UseCache(new MemoryCache(), Catalog).Build();

        await grader.GradeAsync(Request);
        await grader.GradeAsync(Request);

        Assert.Equal(2, inner.Calls);
    }

    [Fact]
    public async Task GradeAsync_OtherResponseOrCategory_IsAnotherEntry()
    {
        var inner = new FakeGrader();
        var grader = inner.AsBuilder().UseCache(new MemoryCache(), Catalog).Build();

        await grader.GradeAsync(Request);
        await grader.GradeAsync(Request with { Response = "s=0.8 h=0.6" });
        await grader.GradeAsync(Request with { Category = "privacy" });
        await grader.GradeAsync(Request with { Category = null });

        Assert.Equal(4, inner.Calls);
    }

    [Fact]
    public async Task GradeAsync_UnreadableEntry_IsAMissAndReplaced()
    {
        var cache = new MemoryCache();
        var inner = new FakeGrader();
        var grader = inner.AsBuilder().UseCache(cache, Catalog).Build();
        await grader.GradeAsync(Request);
        cache.CorruptAll();

        var grade = await grader.GradeAsync(Request);
        await grader.GradeAsync(Request);

        Assert.Equal(GradeStatus.Ok, grade.Status);
        Assert.Equal(2, inner.Calls);
    }

    [Fact]
    public async Task GradeBatchAsync_SomeCached_OnlyTheOthersReachTheGrader()
    {
        var inner = new FakeGrader();
        var grader = inner.AsBuilder().UseCache(new MemoryCache(), Catalog).Build();
        await grader.GradeAsync(Request);

        var grades = await grader.GradeBatchAsync([Request with { Response = "s=0.3" }, Request, Request with { Response = "s=0.6" }]);

        Assert.Equal(3, inner.Calls);
        Assert.Equal([0.3, 0.8, 0.6], grades.Select(g => g.Safety!.Value));
    }

    private sealed class MemoryCache : IVerdictCache
    {
        private readonly Dictionary<string, string> _entries = [];

        public Task<string?> GetAsync(string key, CancellationToken cancellationToken = default) =>
            Task.FromResult(_entries.GetValueOrDefault(key));

        public Task SetAsync(string key, string rubric, string judge, string verdict, CancellationToken cancellationToken = default)
        {
            _entries[key] = verdict;
            return Task.CompletedTask;
        }

        public void CorruptAll()
        {
            foreach (var key in _entries.Keys.ToList())
            {
                _entries[key] = "{not json";
            }
        }
    }
}
