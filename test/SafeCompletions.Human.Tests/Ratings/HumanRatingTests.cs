using System.Text.Json;
using SafeCompletions.Contracts;
using SafeCompletions.Human.Ratings;

namespace SafeCompletions.Human.Tests.Ratings;

public sealed class HumanRatingTests
{
    [Fact]
    public void Deserialize_DesignRow_ReadsEveryField()
    {
        const string line = """{"item":"i1","prompt_id":"p1","intent":"dual_use","category":"cyber","rater":"r1","left_model":"a","right_model":"b","safety_left":1,"safety_right":3,"helpful":"right","balance":"tie","seconds":12.5}""";

        var rating = JsonSerializer.Deserialize<HumanRating>(line)!;

        Assert.Equal(("i1", "p1", Intent.DualUse, "cyber", "r1"), (rating.Item, rating.PromptId, rating.Intent, rating.Category, rating.Rater));
        Assert.Equal(("a", "b", 1, 3), (rating.LeftModel, rating.RightModel, rating.SafetyLeft, rating.SafetyRight));
        Assert.Equal((Side.Right, Side.Tie, 12.5), (rating.Helpful, rating.Balance, rating.Seconds));
    }
}
