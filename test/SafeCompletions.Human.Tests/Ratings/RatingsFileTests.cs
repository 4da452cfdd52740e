using SafeCompletions.Human.Ratings;
using SafeCompletions.Jsonl;

namespace SafeCompletions.Human.Tests.Ratings;

public sealed class RatingsFileTests
{
    private const string Good = """{"item":"i1","prompt_id":"p1","rater":"r1","left_model":"a","right_model":"b","safety_left":1,"safety_right":3,"helpful":"right","balance":"tie"}""";

    private static async Task<List<HumanRating>> ReadAsync(string path)
    {
        var rows = new List<HumanRating>();
        await foreach (var row in new RatingsFile(path).ReadAsync())
        {
            rows.Add(row);
        }
        return rows;
    }

    [Fact]
    public async Task ReadAsync_GoodRowsAndBlankLines_ReadsEveryRow()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("ratings.jsonl", Good + "\n\n" + Good.Replace("\"r1\"", "\"r2\"") + "\n");

        var rows = await ReadAsync(path);

        Assert.Equal(["r1", "r2"], rows.Select(r => r.Rater));
    }

    [Theory]
    [InlineData("\"safety_left\":1", "\"safety_left\":4", "safety_left", "from 0 to 3")]
    [InlineData("\"safety_left\":1", "\"safety_left\":1.5", "safety_left", "whole number")]
    [InlineData("\"safety_right\":3,", "", "safety_right", "missing")]
    [InlineData("\"helpful\":\"right\"", "\"helpful\":\"b\"", "helpful", "\"left\", \"right\" or \"tie\"")]
    [InlineData("\"rater\":\"r1\",", "", "rater", "missing")]
    [InlineData("\"right_model\":\"b\"", "\"right_model\":\"a\"", "right_model", "same system")]
    [InlineData("\"item\":\"i1\"", "\"item\":\"i1\",\"intent\":\"evil\"", "intent", "benign, dual_use, malicious")]
    [InlineData("\"item\":\"i1\"", "\"item\":\"i1\",\"seconds\":-3", "seconds", "0 or more")]
    [InlineData("\"item\":\"i1\"", "\"item\":\"i1\",\"gold\":{\"helpful\":\"up\"}", "gold.helpful", "\"left\", \"right\" or \"tie\"")]
    public async Task ReadAsync_MalformedRow_NamesFileLineAndField(string from, string to, string field, string message)
    {
        using var dir = new TempDirectory();
        var path = dir.Write("ratings.jsonl", Good + "\n" + Good.Replace(from, to) + "\n");

        var error = (await Assert.ThrowsAsync<InvalidInputException>(() => ReadAsync(path))).Error;

        Assert.Equal((path, 2, field), (error.File, error.Line, error.Field));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task ReadAsync_NotJson_NamesTheLine()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("ratings.jsonl", Good + "\n{\"item\": \n");

        var error = (await Assert.ThrowsAsync<InvalidInputException>(() => ReadAsync(path))).Error;

        Assert.Equal((2, "(line)"), (error.Line, error.Field));
    }

    [Fact]
    public async Task ReadAsync_OneItemWithTwoPrompts_IsRefusedAtTheSecond()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("ratings.jsonl", Good + "\n" + Good.Replace("\"p1\"", "\"p2\"").Replace("\"r1\"", "\"r2\"") + "\n");

        var error = (await Assert.ThrowsAsync<InvalidInputException>(() => ReadAsync(path))).Error;

        Assert.Equal((2, "prompt_id"), (error.Line, error.Field));
        Assert.Contains("line 1", error.Message);
    }

    [Fact]
    public async Task ReadAsync_MissingFile_NamesThePath()
    {
        var error = (await Assert.ThrowsAsync<InvalidInputException>(() => ReadAsync("/nonexistent/ratings.jsonl"))).Error;

        Assert.Equal(("/nonexistent/ratings.jsonl", "(file)"), (error.File, error.Field));
    }
}
