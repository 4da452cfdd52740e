using SafeCompletions.Human.Study;

namespace SafeCompletions.Human.Tests.Study;

public sealed class StudyDesignerTests
{
    private static StudyPlan Plan(int prompts = 30, int raters = 5, int perItem = 3, int seed = 1, params StudySystem[] extra) =>
        StudyDesigner.Design([StudyFixture.System("base", prompts), StudyFixture.System("safe", prompts), .. extra], null, raters, perItem, [StudyFixture.Gold()], seed);

    [Fact]
    public void Design_EveryItemGoesToExactlyKDistinctRaters()
    {
        var plan = Plan();

        foreach (var item in plan.Items.Where(i => i.Gold is null))
        {
            var raters = plan.Assignments.Where(a => a.Item == item.Id).Select(a => a.Rater).ToList();
            Assert.Equal(3, raters.Count);
            Assert.Equal(3, raters.Distinct().Count());
        }
        Assert.Equal(30, plan.Items.Count(i => i.Gold is null));
    }

    [Fact]
    public void Design_RatersLoadsDifferByAtMostOne_AndEveryRaterGetsTheGold()
    {
        var plan = Plan(prompts: 31, raters: 4);

        var loads = plan.Assignments.Where(a => !a.Item.StartsWith('g')).GroupBy(a => a.Rater).Select(g => g.Count()).ToList();
        Assert.True(loads.Max() - loads.Min() <= 1, string.Join(",", loads));
        Assert.All(plan.Raters, r => Assert.Contains(plan.Assignments, a => a.Rater == r.Rater && a.Item == "g001"));
    }

    [Fact]
    public void Design_EveryRaterSeesEachSystemOnEachSideEquallyOften()
    {
        var plan = Plan(prompts: 40, raters: 5, extra: StudyFixture.System("third", 40));
        var items = plan.Items.ToDictionary(i => i.Id);

        foreach (var rater in plan.Raters.Select(r => r.Rater))
        {
            foreach (var system in new[] { "base", "safe", "third" })
            {
                var shown = plan.Assignments.Where(a => a.Rater == rater && (items[a.Item].ModelA == system || items[a.Item].ModelB == system)).ToList();
                var left = shown.Count(a => (items[a.Item].ModelA == system) == a.ALeft);
                // Balanced per pair to within one: a system in two pairs is within two of half.
                Assert.InRange(left, shown.Count / 2.0 - 2, shown.Count / 2.0 + 2);
            }
        }
    }

    [Fact]
    public void Design_SameSeed_SameItemsAndSides_ButFreshTokens()
    {
        var (first, second) = (Plan(seed: 9), Plan(seed: 9));

        Assert.Equal(first.Assignments, second.Assignments);
        Assert.Equal(first.Items, second.Items);
        Assert.NotEqual(first.Raters, second.Raters);
        Assert.NotEqual(first.Assignments, Plan(seed: 10).Assignments);
    }

    [Fact]
    public void Design_ItemIdsAndTokens_SayNothingOfTheSystems()
    {
        var plan = Plan();

        Assert.All(plan.Items, i => Assert.Matches("^(i[0-9]{4}|g[0-9]{3})$", i.Id));
        Assert.All(plan.Raters, r => Assert.Matches("^[A-Za-z0-9_-]{32}$", r.Token));
        Assert.Equal(plan.Raters.Count, plan.Raters.Select(r => r.Token).Distinct().Count());
    }

    [Fact]
    public void Design_OnlyThePairsAsked_AndOnlySharedPrompts()
    {
        var plan = StudyDesigner.Design(
            [StudyFixture.System("a", 10), StudyFixture.System("b", 10, from: 5), StudyFixture.System("c", 10)], [("a", "b")], 3, 3, [], 1);

        Assert.All(plan.Items, i => Assert.Equal(("a", "b"), (i.ModelA, i.ModelB)));
        Assert.Equal(["p5", "p6", "p7", "p8", "p9"], plan.Items.Select(i => i.PromptId).Order());
    }

    [Fact]
    public void Design_FewerRatersThanPerItem_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Plan(raters: 2, perItem: 3));
    }
}
