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
    public async Task Read_Latin1BytesOnLine2_IsAnErrorNamingLine2_AndTheLinesAroundItStillRead()
    {
        using var dir = new TempDirectory();
        var path = dir.File("r.jsonl");
        // "café" saved as Latin-1: é is the single byte 0xE9, which is not UTF-8.
        File.WriteAllBytes(path, [
            .. "{\"id\":\"a\",\"prompt\":\"p\",\"response\":\"r\"}\n"u8,
            .. "{\"id\":\"b\",\"prompt\":\"caf"u8, 0xE9, .. "\",\"response\":\"r\"}\n"u8,
            .. "{\"id\":\"c\",\"prompt\":\"p\",\"response\":\"r\"}\n"u8]);

        var lines = await ReadAsync(path);

        Assert.Equal([true, false, true], lines.Select(l => l.IsValid));
        var error = lines[1].Error!;
        Assert.Equal((path, 2, "(line)"), (error.File, error.Line, error.Field));
        Assert.Equal("not valid UTF-8 (byte 0xE9 at byte 24 of the line); save the file as UTF-8", error.Message);
    }

    [Fact]
    public async Task Read_Utf16File_SaysItIsUtf16()
    {
        using var dir = new TempDirectory();
        var path = dir.File("r.jsonl");
        File.WriteAllText(path, "{\"id\":\"a\",\"prompt\":\"p\",\"response\":\"r\"}\n", System.Text.Encoding.Unicode);

        var error = (await ReadAsync(path))[0].Error!;

        Assert.Equal(1, error.Line);
        Assert.Contains("the file is UTF-16", error.Message);
    }

    [Fact]
    public async Task Read_ByteOrderMarkCrLfAndMultiByteText_ReadAsWritten()
    {
        using var dir = new TempDirectory();
        var path = dir.File("r.jsonl");
        File.WriteAllText(path, "{\"id\":\"a\",\"prompt\":\"Grüße, 日本\",\"response\":\"r\"}\r\n{\"id\":\"b\",\"prompt\":\"p\",\"response\":\"🙂\"}",
            new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var lines = await ReadAsync(path);

        Assert.All(lines, l => Assert.True(l.IsValid, l.Error?.ToString()));
        Assert.Equal(["Grüße, 日本", "p"], lines.Select(l => l.Row!.Prompt));
        Assert.Equal("🙂", lines[1].Row!.Response);
    }

    [Fact]
    public async Task Read_LineLongerThanTheReadBuffer_IsOneRow()
    {
        using var dir = new TempDirectory();
        var response = new string('x', 300_000);
        var path = dir.Write("r.jsonl", $"{{\"id\":\"a\",\"prompt\":\"p\",\"response\":\"{response}\"}}\n{{\"id\":\"b\",\"prompt\":\"p\",\"response\":\"r\"}}\n");

        var lines = await ReadAsync(path);

        Assert.Equal([1, 2], lines.Select(l => l.LineNumber));
        Assert.Equal(response, lines[0].Row!.Response);
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
