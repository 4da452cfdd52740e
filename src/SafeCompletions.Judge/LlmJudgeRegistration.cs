using SafeCompletions.Grading;

namespace SafeCompletions.Judge;

public static class LlmJudgeRegistration
{
    /// <summary>Registers <c>--grader llm</c>: the LLM judge on the <c>--judge</c> model, its grades cached when the context opens a cache.</summary>
    public static GraderRegistry AddLlmJudge(this GraderRegistry registry) =>
        registry.Add("llm", "a judge model (needs --judge)", context =>
        {
            var reference = context.Options.Judge ?? throw new FormatException("--grader llm needs --judge openai:MODEL@BASE_URL");
            var open = context.OpenJudge ?? throw new InvalidOperationException("the grader context has no way to open a judge model");
            var (client, model) = open(reference);
            IGrader judge = new LlmJudge(client, model, context.Catalog);
            return context.OpenCache?.Invoke() is { } cache ? judge.AsBuilder().UseCache(cache, context.Catalog).Build() : judge;
        });
}
