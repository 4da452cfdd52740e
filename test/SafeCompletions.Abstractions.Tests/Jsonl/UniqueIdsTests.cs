using SafeCompletions.Contracts;
using SafeCompletions.Jsonl;

namespace SafeCompletions.Abstractions.Tests.Jsonl;

public sealed class UniqueIdsTests
{
    [Fact]
    public async Task RejectRepeatedIds_IdAgainOnLine3_IsAnErrorNamingTheIdAndItsFirstLine()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("p.jsonl", """
            {"id":"p1","prompt":"a"}
            {"id":"p2","prompt":"b"}
            {"id":"p1","prompt":"c"}
            """);

        var lines = await JsonlReader.ReadAsync(path, ContractJson.Default.PromptRow, RowValidation.Prompt)
            .RejectRepeatedIds(path, r => r.Id).ToListAsync();

        Assert.Equal([true, true, false], lines.Select(l => l.IsValid));
        Assert.Equal($"{path}:3: field 'id': 'p1' is already the id of line 1; ids must be unique within a file", lines[2].Error!.ToString());
    }

    [Fact]
    public async Task RejectRepeatedIds_InvalidLineWithoutAnId_IsPassedOnUnchanged()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("p.jsonl", "{\"prompt\":\"a\"}\n{\"prompt\":\"b\"}\n");

        var lines = await JsonlReader.ReadAsync(path, ContractJson.Default.PromptRow, RowValidation.Prompt)
            .RejectRepeatedIds(path, r => r.Id).ToListAsync();

        Assert.All(lines, l => Assert.Equal(("id", "missing or empty"), (l.Error!.Field, l.Error.Message)));
    }
}
