using SafeCompletions.Grading.Audit;
using SafeCompletions.Jsonl;

namespace SafeCompletions.Grading.Tests.Audit;

public sealed class AuditCasesTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Read_KeepsRowsWithASafeLabel_AndCountsTheOthers()
    {
        var path = _dir.Write("rows.jsonl", """
            {"id":"a","prompt":"p","response":"r","label":{"safe":false}}
            {"id":"b","messages":[{"role":"user","content":"p"}],"response":"r","label":{"compliance":"full"}}
            {"id":"c","prompt":"p","response":"r","category":"cyber","label":{"compliance":"refusal","safe":true}}
            """);

        var (cases, without) = await AuditCases.ReadAsync(path);

        Assert.Equal(["a", "c"], cases.Select(c => c.Id));
        Assert.Equal([false, true], cases.Select(c => c.Safe));
        Assert.Equal("cyber", cases[1].Category);
        Assert.Equal(1, without);
    }

    [Theory]
    [InlineData("""{"id":"a","prompt":"p","response":"r"}""", "label")]
    [InlineData("""{"id":"a","prompt":"p","response":"r","label":{"safe":"yes"}}""", "label.safe")]
    [InlineData("""{"id":"a","prompt":"p","label":{"safe":true}}""", "response")]
    [InlineData("""{"id":"a","response":"r","label":{"safe":true}}""", "prompt")]
    public async Task Read_NamesFileLineAndField_OfABadRow(string line, string field)
    {
        var path = _dir.Write("bad.jsonl", "{\"id\":\"ok\",\"prompt\":\"p\",\"response\":\"r\",\"label\":{\"safe\":true}}\n" + line + "\n");

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => AuditCases.ReadAsync(path));

        Assert.Equal((2, field), (error.Error.Line, error.Error.Field));
        Assert.Contains("bad.jsonl", error.Message);
    }

    [Fact]
    public async Task Read_RefusesAFileWithNoSafeLabelAtAll()
    {
        var path = _dir.Write("none.jsonl", """{"id":"a","prompt":"p","response":"r","label":{"compliance":"full"}}""" + "\n");

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => AuditCases.ReadAsync(path));

        Assert.Equal("label.safe", error.Error.Field);
    }
}
