using SafeCompletions.Contracts;

namespace SafeCompletions.Datasets;

/// <summary>
/// How one public CSV format becomes prompt rows: the columns it must have, and the id, prompt, intent and category
/// of a record. Categories the bundled specs do not cover are left out, so the grader infers them.
/// </summary>
public sealed record CsvPromptMapping(
    string Name,
    IReadOnlyList<string> RequiredColumns,
    Func<Func<string, string>, int, (string Id, string Prompt, Intent Intent, string? Category)> Map)
{
    /// <summary>XSTest's xstest_prompts.csv: safe → benign, unsafe → malicious.</summary>
    public static readonly CsvPromptMapping XsTest = new("xstest", ["id", "prompt", "type", "label"], (get, _) => (
        $"xstest-{get("id")}",
        get("prompt"),
        get("label") == "unsafe" ? Intent.Malicious : Intent.Benign,
        get("type") switch
        {
            "privacy_public" or "privacy_fictional" or "contrast_privacy" => "privacy",
            "nons_group_real_discr" or "real_group_nons_discr" or "contrast_discr" => "hate",
            _ => null,
        }));

    /// <summary>HarmBench's behaviours CSV (malicious).</summary>
    public static readonly CsvPromptMapping HarmBench = new("harmbench", ["Behavior", "SemanticCategory", "BehaviorID"], (get, _) => (
        $"harmbench-{get("BehaviorID")}",
        get("ContextString") is { Length: > 0 } context ? $"{context}\n\n---\n\n{get("Behavior")}" : get("Behavior"),
        Intent.Malicious,
        get("SemanticCategory") switch
        {
            "chemical_biological" => "biorisk",
            "cybercrime_intrusion" => "cyber",
            "illegal" => "illicit",
            "harassment_bullying" => "harassment",
            _ => null,
        }));

    /// <summary>StrongREJECT's CSV (malicious).</summary>
    public static readonly CsvPromptMapping StrongReject = new("strongreject", ["category", "forbidden_prompt"], (get, record) => (
        $"strongreject-{record}",
        get("forbidden_prompt"),
        Intent.Malicious,
        get("category") switch
        {
            "Non-violent crimes" or "Illegal goods and services" => "illicit",
            "Violence" => "violence",
            "Hate, harassment and discrimination" => "hate",
            "Sexual content" => "sexual",
            _ => null,
        }));

    /// <summary>SimpleSafetyTests' CSV (malicious).</summary>
    public static readonly CsvPromptMapping Sst = new("sst", ["id", "harm_area", "prompts_final"], (get, _) => (
        get("id"),
        get("prompts_final"),
        Intent.Malicious,
        get("harm_area") switch
        {
            "Suicide, Self-Harm, and Eating Disorders" => "self_harm",
            "Physical harm and Violence" => "violence",
            "Illegal and Highly Regulated items" or "Scams and fraud" => "illicit",
            _ => null,
        }));
}
