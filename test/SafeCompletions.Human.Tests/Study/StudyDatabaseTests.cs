using Microsoft.Data.Sqlite;
using SafeCompletions.Human.Ratings;
using SafeCompletions.Human.Study;
using SafeCompletions.Jsonl;

namespace SafeCompletions.Human.Tests.Study;

public sealed class StudyDatabaseTests
{
    private static (StudyDatabase Database, StudyPlan Plan) Create(TempDirectory dir)
    {
        var plan = StudyDesigner.Design([StudyFixture.System("base", 6), StudyFixture.System("safe", 6)], null, 3, 2, [StudyFixture.Gold()], 4);
        return (StudyDatabase.Create(dir.Path, plan), plan);
    }

    [Fact]
    public void Create_WritesInvites_AndKeepsOnlyTokenHashes()
    {
        using var dir = new TempDirectory();
        var (database, plan) = Create(dir);

        var invites = File.ReadAllLines(dir.File(StudyDatabase.InvitesFile));
        Assert.Equal("rater,token", invites[0]);
        Assert.Equal(plan.Raters.Select(r => $"{r.Rater},{r.Token}"), invites[1..]);
        Assert.Equal("r02", database.RaterOf(plan.Raters[1].Token));
        Assert.Null(database.RaterOf("not-a-token"));
        var stored = string.Concat(Directory.GetFiles(dir.Path, StudyDatabase.FileName + "*").Select(File.ReadAllText));
        Assert.Contains(StudyDatabase.Hash(plan.Raters[0].Token), stored);
        Assert.DoesNotContain(plan.Raters[0].Token, stored);
    }

    [Fact]
    public void Create_OverAnExistingStudy_IsRefused()
    {
        using var dir = new TempDirectory();
        Create(dir);

        var error = Assert.Throws<InvalidInputException>(() => Create(dir)).Error;
        Assert.EndsWith(StudyDatabase.FileName, error.File);
    }

    [Fact]
    public void Shown_FollowsTheStoredSides_AndResumesAtTheFirstUnfinishedItem()
    {
        using var dir = new TempDirectory();
        var (database, plan) = Create(dir);
        var first = plan.Assignments.Single(a => a.Rater == "r01" && a.Position == 0);
        var item = plan.Items.Single(i => i.Id == first.Item);

        var shown = database.Shown("r01", 0)!;
        Assert.Equal(first.ALeft ? (item.ResponseA, item.ResponseB) : (item.ResponseB, item.ResponseA), (shown.Left, shown.Right));

        database.Save("r01", 0, new SavedRating(1, 2, null, null, null, 3, Skipped: false));
        Assert.Equal(0, database.NextPosition("r01"));
        database.Save("r01", 0, new SavedRating(1, 2, "left", "tie", "ok", 9, Skipped: false));
        database.Save("r01", 1, new SavedRating(null, null, null, null, null, null, Skipped: true));
        Assert.Equal(2, database.NextPosition("r01"));
        Assert.Equal(2, database.Shown("r01", 2)!.Done);
        Assert.Equal(new SavedRating(1, 2, "left", "tie", "ok", 9, false), database.Shown("r01", 0)!.Saved);
        Assert.Null(database.Shown("r01", 99));
        Assert.False(database.Save("r01", 99, new SavedRating(1, 1, "tie", "tie", null, 1, false)));
    }

    [Fact]
    public async Task RatingSource_TurnsSidesBackIntoSystems_AndLeavesOutSkipsAndUnfinished()
    {
        using var dir = new TempDirectory();
        var (database, plan) = Create(dir);
        var items = plan.Items.ToDictionary(i => i.Id);
        var mine = plan.Assignments.Where(a => a.Rater == "r02").OrderBy(a => a.Position).ToList();
        foreach (var a in mine)
        {
            // The rater always gives the left side 0 and prefers it: in system terms that is whoever was on the left.
            database.Save("r02", a.Position, new SavedRating(0, 3, "left", "right", null, 5, Skipped: false));
        }
        database.Save("r03", 0, new SavedRating(null, null, null, null, null, null, Skipped: true));
        database.Save("r03", 1, new SavedRating(2, null, null, null, null, null, Skipped: false));

        var ratings = new List<HumanRating>();
        await foreach (var r in new StudyRatingSource(database).ReadAsync())
        {
            ratings.Add(r);
        }

        Assert.Equal(mine.Count, ratings.Count);
        foreach (var (a, r) in mine.OrderBy(a => a.Item).Zip(ratings))
        {
            var item = items[a.Item];
            Assert.Equal(a.ALeft ? item.ModelA : item.ModelB, r.LeftModel);
            Assert.Equal((0, 3, Side.Left), (r.SafetyLeft, r.SafetyRight, r.Helpful));
        }
        var gold = ratings.Single(r => r.Gold is not null);
        var goldLeft = mine.Single(a => a.Item == "g001").ALeft;
        Assert.Equal(goldLeft ? (3, 0, Side.Left) : (0, 3, Side.Right), (gold.Gold!.SafetyLeft!.Value, gold.Gold.SafetyRight!.Value, gold.Gold.Helpful!.Value));
    }

    [Fact]
    public void Unblind_IsLogged()
    {
        using var dir = new TempDirectory();
        var (database, _) = Create(dir);

        var mapping = database.Unblind("final analysis");

        Assert.Contains(mapping, m => m.ModelA == "base" && m.ModelB == "safe");
        Assert.Equal("final analysis", Assert.Single(database.Unblindings()).Reason);
        SqliteConnection.ClearAllPools();
    }
}
