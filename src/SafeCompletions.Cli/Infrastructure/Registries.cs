using SafeCompletions.Embedded;
using SafeCompletions.Grading;
using SafeCompletions.Judge;
using SafeCompletions.Local;
using SafeCompletions.Models;
using SafeCompletions.Training;

namespace SafeCompletions.Cli.Infrastructure;

/// <summary>
/// The one place the program says which models and graders it offers. A new kind of model (<c>torch:</c>) or grader
/// is one line here, beside its provider or its registration in its own project.
/// </summary>
internal static class Registries
{
    /// <summary><c>openai:</c>, <c>responses:</c>, <c>gguf:</c> and <c>torch:</c> model references.</summary>
    public static ModelProviders Models() => ModelProviders.Create().AddGguf().AddTorch();

    /// <summary><c>--grader llm</c> and <c>--grader embedded</c>.</summary>
    public static GraderRegistry Graders() => new GraderRegistry().AddLlmJudge().AddEmbeddedGrader();
}
