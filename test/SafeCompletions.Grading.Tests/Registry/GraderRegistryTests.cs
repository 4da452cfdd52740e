using SafeCompletions.Grading;
using SafeCompletions.Specs;

namespace SafeCompletions.Grading.Tests.Registry;

public sealed class GraderRegistryTests
{
    private static GraderContext Context() => new() { Catalog = SpecCatalog.Load(), Resources = [] };

    [Fact]
    public void Create_RegisteredKind_UsesItsFactoryWithTheContext()
    {
        GraderContext? seen = null;
        var registry = new GraderRegistry().Add("fake", "a fake", context => { seen = context; return new FakeGrader(); });
        var context = Context();

        var grader = registry.Create("fake", context);

        Assert.IsType<FakeGrader>(grader);
        Assert.Same(context, seen);
    }

    [Fact]
    public void Create_UnknownKind_NamesTheKnownOnesInOrder()
    {
        var registry = new GraderRegistry().Add("llm", "", _ => new FakeGrader()).Add("embedded", "", _ => new FakeGrader());

        var error = Assert.Throws<FormatException>(() => registry.Create("best", Context()));

        Assert.Equal("--grader must be llm or embedded, not 'best'", error.Message);
    }

    [Fact]
    public void Add_SameKindTwice_TheLaterReplacesTheEarlierInPlace()
    {
        var first = new FakeGrader();
        var second = new FakeGrader();
        var registry = new GraderRegistry().Add("a", "one", _ => first).Add("b", "", _ => first).Add("a", "two", _ => second);

        Assert.Same(second, registry.Create("a", Context()));
        Assert.Equal([("a", "two"), ("b", "")], registry.Kinds);
    }
}
