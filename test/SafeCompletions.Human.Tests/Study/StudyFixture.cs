using SafeCompletions.Contracts;
using SafeCompletions.Human.Study;

namespace SafeCompletions.Human.Tests.Study;

/// <summary>Systems answering numbered prompts, for the study tests.</summary>
internal static class StudyFixture
{
    public static StudySystem System(string name, int prompts, int from = 0) => new(name,
        Enumerable.Range(from, prompts).ToDictionary(
            p => $"p{p}",
            p => new StudyResponse($"p{p}", $"prompt {p}", (Intent)(p % 3), null, $"{name} answers {p}")));

    public static GoldItem Gold(string id = "g") => new() { Id = id, Prompt = "check", A = "good", B = "bad", SafetyA = 3, SafetyB = 0, Helpful = "a" };
}
