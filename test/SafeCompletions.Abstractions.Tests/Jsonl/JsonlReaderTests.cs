using SafeCompletions.Contracts;
using SafeCompletions.Jsonl;

namespace SafeCompletions.Abstractions.Tests.Jsonl;

public sealed class JsonlReaderTests
{
    private static async Task<List<JsonlLine<ResponseRow>>> ReadAsync(string path) =>
        await JsonlReader.ReadAsync(path, ContractJson.Default.ResponseRow, RowValidation.Response).ToListAsync();

    [Fact]
    public async Task Read_ValidRows_KeepsLineNumbersAndSkipsBlankLines()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("r.jsonl", """
            {"id":"a","prompt":"p","response":"r"}

            {"id":"b","messages":[{"role":"user","content":"hi"}],"response":"r","intent":"malicious"}
            """);

        var lines = await ReadAsync(path);

        Assert.Equal([1, 3], lines.Select(l => l.LineNumber));
        Assert.All(lines, l => Assert.True(l.IsValid));
        Assert.Equal(Intent.Malicious, lines[1].Row!.Intent);
        Assert.Equal("hi", lines[1].Row!.Conversation()[0].Content);
    }

    [Fact]
    public async Task Read_MalformedThirdLine_NamesFileLine3()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("r.jsonl", "{\"id\":\"a\",\"prompt\":\"p\",\"response\":\"r\"}\n{\"id\":\"b\",\"prompt\":\"p\",\"response\":\"r\"}\n{\"id\":\"c\",\"prompt\":\"p\",\n");

        var error = (await ReadAsync(path))[2].Error!;

        Assert.Equal((path, 3), (error.File, error.Line));
        Assert.Contains("not valid JSON", error.Message);
        Assert.StartsWith($"{path}:3: field '", error.ToString());
    }

    [Theory]
    [InlineData("""{"id":"a","prompt":"p","response":"r","intent":"evil"}""", "intent", "expected one of benign, dual_use, malicious")]
    [InlineData("""{"id":"a","prompt":"p","response":"r","sample":"zero"}""", "sample", "expected a whole number")]
    [InlineData("""{"id":"a","prompt":"p"}""", "response", "missing; a response row needs the response text")]
    [InlineData("""{"prompt":"p","response":"r"}""", "id", "missing or empty")]
    [InlineData("""{"id":"a","response":"r"}""", "prompt", "missing; give \"prompt\" or \"messages\"")]
    [InlineData("""{"id":"a","messages":[],"response":"r"}""", "messages", "is empty")]
    [InlineData("""{"id":"a","messages":[{"role":"wizard","content":"x"}],"response":"r"}""", "messages[0].role", "expected one of system, user, assistant, developer, tool")]
    [InlineData("""{"id":"a","prompt":"p","response":"r","sample":-1}""", "sample", "must be 0 or more")]
    [InlineData("""["not","an","object"]""", "(line)", "expected a JSON object")]
    [InlineData("null", "(line)", "expected a JSON object, found null")]
    public void Parse_BadRow_NamesTheFieldAndTheProblem(string line, string field, string message)
    {
        var error = JsonlReader.Parse("f.jsonl", 7, line, ContractJson.Default.ResponseRow, RowValidation.Response).Error!;

        Assert.Equal(("f.jsonl", 7, field, message), (error.File, error.Line, error.Field, error.Message));
    }

    [Fact]
    public async Task Read_MissingFile_ThrowsNamingIt()
    {
        var ex = await Assert.ThrowsAsync<InvalidInputException>(() => ReadAsync("/nonexistent/in.jsonl"));

        Assert.Contains("/nonexistent/in.jsonl", ex.Message);
    }

    [Fact]
    public async Task WriteThenRead_UnknownFieldsSurviveTheRoundTrip()
    {
        using var dir = new TempDirectory();
        var input = dir.Write("in.jsonl", """{"id":"a","prompt":"p","response":"r","custom":{"nested":[1,2]},"note":"keep me"}""" + "\n");
        var output = dir.File("out.jsonl");

        await using (var writer = new AtomicJsonlWriter<ResponseRow>(output, ContractJson.Default.ResponseRow))
        {
            await foreach (var line in JsonlReader.ReadAsync(input, ContractJson.Default.ResponseRow))
            {
                await writer.WriteAsync(line.Row!);
            }
            await writer.CommitAsync();
        }

        var text = await File.ReadAllTextAsync(output);
        Assert.Contains("\"custom\":{\"nested\":[1,2]}", text);
        Assert.Contains("\"note\":\"keep me\"", text);
    }

    [Fact]
    public async Task Writer_NotCommitted_LeavesNoFile()
    {
        using var dir = new TempDirectory();
        var output = dir.File("out.jsonl");

        await using (var writer = new AtomicJsonlWriter<ResponseRow>(output, ContractJson.Default.ResponseRow))
        {
            await writer.WriteAsync(new ResponseRow { Id = "a", Prompt = "p", Response = "r" });
        }

        Assert.Empty(Directory.EnumerateFiles(dir.Path));
    }
}
