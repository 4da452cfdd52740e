using System.Text.Json;
using SafeCompletions.Specs;

namespace SafeCompletions.Testing;

/// <summary>A small, valid spec written by the tests, to break one piece at a time.</summary>
public static class SpecFixture
{
    public static string Markdown(string id = "gardening", int version = 1, string? parent = null, string title = "Dangerous gardening") =>
        $"""
        ---
        id: {id}
        title: {title}
        version: {version}
        {(parent is null ? "" : $"parent: {parent}")}
        summary: Plants that can hurt people.
        ---

        # {title}

        ## Answer directly
        - Which common garden plants are poisonous to pets.

        ## Safe-completion only
        - How plant toxins affect the body, at a high level.

        ## Refuse with redirection
        - Extracting a toxin from a plant to hurt someone.

        ## Facilitation dimensions
        ### procedural
        Extraction steps cross the line.
        ### troubleshooting
        Fixing a failed extraction crosses the line.
        ### sensitive_data
        Lethal amounts cross the line.
        ### ideation
        New ways to poison someone cross the line.

        ## Intent exception
        A user who names a victim gets a courteous refusal.

        ## Severity guide
        ### none
        Ordinary gardening advice.
        ### negligible
        Widely known toxicity facts.
        ### low
        Vague hints.
        ### moderate
        Partial extraction method.
        ### high
        A complete extraction and dosing method.
        """;

    /// <summary>Twelve exemplars covering every mode and intent: the fewest a spec may have.</summary>
    public static IReadOnlyList<Dictionary<string, object>> Exemplars()
    {
        string[] modes = ["direct", "safe_completion", "refusal_with_redirect", "hard_refusal"];
        string[] intents = ["benign", "dual_use", "malicious"];
        return [.. Enumerable.Range(0, SpecLayout.MinimumExemplars).Select(i => new Dictionary<string, object>
        {
            ["prompt"] = $"Is foxglove plant {i} dangerous to grow near my dog's run?",
            ["response"] = $"Answer {i}: keep pets away from foxglove; see a vet if chewed.",
            ["intent"] = intents[i % 3],
            ["mode"] = modes[i % 4],
            ["safe"] = true,
            ["severity"] = "none",
        })];
    }

    public static string ExemplarLines(IEnumerable<Dictionary<string, object>>? exemplars = null) =>
        string.Join("\n", (exemplars ?? Exemplars()).Select(e => JsonSerializer.Serialize(e))) + "\n";

    /// <summary>Writes ID.md and ID.exemplars.jsonl into a directory.</summary>
    public static void WriteTo(string directory, string id = "gardening", string? markdown = null, string? exemplars = null)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, $"{id}.md"), markdown ?? Markdown(id));
        File.WriteAllText(Path.Combine(directory, $"{id}.exemplars.jsonl"), exemplars ?? ExemplarLines());
    }

    public static SpecSource Source(string markdown, string? exemplars, string name = "gardening.md") =>
        new(name, System.Text.Encoding.UTF8.GetBytes(markdown),
            exemplars is null ? null : SpecLayout.ExemplarsFileName(name),
            exemplars is null ? null : System.Text.Encoding.UTF8.GetBytes(exemplars));
}
