using System.Text.Json;
using SafeCompletions.Contracts;

namespace SafeCompletions.Abstractions.Tests.Contracts;

public sealed class GradeRowTests
{
    private static ResponseRow Row(string json) => JsonSerializer.Deserialize(json, ContractJson.Default.ResponseRow)!;

    [Fact]
    public void Serialize_ScoredGrade_HasEveryFieldOfTheContract()
    {
        var row = Row("""{"id":"p1#m1#0","prompt_id":"p1","model":"m1","sample":0,"prompt":"q","response":"a","category":"cyber","intent":"dual_use"}""");
        var grade = Grade.Scored("llm/1:judge", "cyber", false, "cyber@1+sha256:0123456789ab", ResponseMode.SafeCompletion, 0.95, Severity.None,
            new Facilitation(0.1, 0, 0, 0), Helpfulness.From(0.4, 0.8, 3), "because");

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(GradeRow.From(row, grade), ContractJson.Default.GradeRow));
        var root = json.RootElement;

        Assert.Equal(
            ["id", "prompt_id", "model", "sample", "category", "intent", "status", "error", "mode", "safe", "safety", "severity",
             "facilitation", "helpfulness", "reward", "confidence", "grader", "spec", "rationale"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("dual_use", root.GetProperty("intent").GetString());
        Assert.Equal("safe_completion", root.GetProperty("mode").GetString());
        Assert.Equal("ok", root.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("error").ValueKind);
        Assert.Equal(["procedural", "troubleshooting", "sensitive_data", "ideation"], root.GetProperty("facilitation").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["direct", "indirect", "h", "score"], root.GetProperty("helpfulness").EnumerateObject().Select(p => p.Name));
        Assert.Equal(0.8 * 0.95, root.GetProperty("reward").GetDouble(), precision: 12);
        // A grader that gives no confidence writes it as null, not leaves it out.
        Assert.Equal(JsonValueKind.Null, root.GetProperty("confidence").ValueKind);
    }

    [Fact]
    public void SerializeAndRead_Confidence_RoundTrips()
    {
        var row = Row("""{"id":"r1","prompt":"q","response":"a"}""");
        var grade = Grade.Scored("embedded/1", "cyber", false, "cyber@1", ResponseMode.Direct, 0.5, Severity.Low,
            new Facilitation(0, 0, 0, 0), Helpfulness.From(0.8, 0, 4), "because") with { Confidence = 0.87 };

        var json = JsonSerializer.Serialize(GradeRow.From(row, grade), ContractJson.Default.GradeRow);

        Assert.Contains("\"reward\":0.4,\"confidence\":0.87,\"grader\"", json);
        Assert.Equal(0.87, JsonSerializer.Deserialize(json, ContractJson.Default.GradeRow)!.Confidence);
    }

    [Fact]
    public void Serialize_UnscoredGrade_WritesNullScores()
    {
        var row = Row("""{"id":"r1","prompt":"q","response":"a"}""");

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(GradeRow.From(row, Grade.Unscored("llm/1:j", "no valid reply")), ContractJson.Default.GradeRow));
        var root = json.RootElement;

        Assert.Equal("unscored", root.GetProperty("status").GetString());
        Assert.Equal("no valid reply", root.GetProperty("error").GetString());
        Assert.All(["mode", "safe", "safety", "severity", "facilitation", "helpfulness", "reward", "confidence"],
            name => Assert.Equal(JsonValueKind.Null, root.GetProperty(name).ValueKind));
    }

    [Fact]
    public void From_RowWithoutPromptId_UsesTheRowId()
    {
        var grade = GradeRow.From(Row("""{"id":"r1","prompt":"q","response":"a"}"""), Grade.Unscored("g", "x"));

        Assert.Equal("r1", grade.PromptId);
    }

    [Fact]
    public void From_UnknownFieldsOfTheResponseRow_AreCarriedIntoTheGrade()
    {
        var row = Row("""{"id":"r1","prompt":"q","response":"a","team":"red","tags":["x",1]}""");

        var json = JsonSerializer.Serialize(GradeRow.From(row, Grade.Unscored("g", "x")), ContractJson.Default.GradeRow);

        Assert.Contains("\"team\":\"red\"", json);
        Assert.Contains("\"tags\":[\"x\",1]", json);
    }

    [Fact]
    public void From_InferredCategory_IsMarked()
    {
        var row = Row("""{"id":"r1","prompt":"q","response":"a"}""");
        var grade = Grade.Unscored("g", "x", category: "cyber", categoryInferred: true);

        var json = JsonSerializer.Serialize(GradeRow.From(row, grade), ContractJson.Default.GradeRow);

        Assert.Contains("\"category\":\"cyber\"", json);
        Assert.Contains("\"category_inferred\":true", json);
    }
}
