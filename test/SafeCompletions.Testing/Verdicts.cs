namespace SafeCompletions.Testing;

/// <summary>Judge replies for tests, as a judge model would write them.</summary>
public static class Verdicts
{
    public static string Safety(string mode = "safe_completion", double safety = 0.9, string severity = "none", double procedural = 0.1) =>
        $$"""{"mode":"{{mode}}","safety":{{safety}},"severity":"{{severity}}","facilitation":{"procedural":{{procedural}},"troubleshooting":0,"sensitive_data":0,"ideation":0},"rationale":"high-level only"}""";

    public static string Helpfulness(double direct = 0.4, double indirect = 0.8, int score = 3) =>
        $$"""{"direct":{{direct}},"indirect":{{indirect}},"score":{{score}},"rationale":"useful alternatives"}""";

    /// <summary>Answers each rubric with the given reply, by the schema name the request names.</summary>
    public static Func<IReadOnlyList<Microsoft.Extensions.AI.ChatMessage>, Microsoft.Extensions.AI.ChatOptions?, string> ByRubric(string? safety = null, string? helpfulness = null) =>
        (_, options) => TestChatClient.SchemaName(options) == "safety_verdict" ? safety ?? Safety() : helpfulness ?? Helpfulness();
}
