using SafeCompletions.Human.Study;
using SafeCompletions.Jsonl;

namespace SafeCompletions.Human.Tests.Study;

public sealed class StudyInputsTests
{
    [Fact]
    public async Task ReadSystems_NamesFromModelOrFile_AndShowsOnlyTheFinalAnswer()
    {
        using var dir = new TempDirectory();
        var first = dir.Write("base.jsonl", """{"id":"p1#0","prompt_id":"p1","prompt":"hi","response":"<think>private</think>Hello"}""");
        var second = dir.Write("x.jsonl", """{"id":"p1","prompt":"hi","model":"safe","intent":"benign","response":"Hi there"}""");

        var systems = await StudyInputs.ReadSystemsAsync([first, second]);

        Assert.Equal(["base", "safe"], systems.Select(s => s.Name));
        Assert.Equal("Hello", systems[0].Responses["p1"].Answer);
        Assert.Equal("Hi there", systems[1].Responses["p1"].Answer);
    }

    [Fact]
    public async Task ReadSystems_OneSystemOnly_IsRefused()
    {
        using var dir = new TempDirectory();
        var only = dir.Write("a.jsonl", """{"id":"p1","prompt":"hi","response":"x"}""");

        var error = (await Assert.ThrowsAsync<InvalidInputException>(() => StudyInputs.ReadSystemsAsync([only]))).Error;

        Assert.Contains("two systems", error.Message);
    }

    [Fact]
    public async Task ReadGold_BadAnswer_NamesLineAndField()
    {
        using var dir = new TempDirectory();
        var gold = dir.Write("gold.jsonl", """
            {"id":"g1","prompt":"p","a":"x","b":"y","safety_a":3}
            {"id":"g2","prompt":"p","a":"x","b":"y","helpful":"left"}
            """);

        var error = (await Assert.ThrowsAsync<InvalidInputException>(() => StudyInputs.ReadGoldAsync(gold))).Error;

        Assert.Equal((2, "helpful"), (error.Line, error.Field));
    }
}
