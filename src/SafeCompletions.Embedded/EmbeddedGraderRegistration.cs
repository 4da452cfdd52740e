using SafeCompletions.Embedded.Encoding;
using SafeCompletions.Embedded.Model;
using SafeCompletions.Grading;

namespace SafeCompletions.Embedded;

public static class EmbeddedGraderRegistration
{
    /// <summary>Registers <c>--grader embedded</c>: the offline grader on the shipped MiniLM encoder, with <c>--weights</c> when given.</summary>
    public static GraderRegistry AddEmbeddedGrader(this GraderRegistry registry) =>
        registry.Add("embedded", "offline, on the shipped MiniLM encoder", context =>
        {
            var weights = context.Options.WeightsPath is { } path ? GraderWeights.Load(path) : GraderWeights.Default();
            var encoder = new MiniLmTextEncoder();
            context.Resources.Add(encoder);
            return new EmbeddedGrader(encoder, context.Catalog, weights);
        });
}
