namespace SafeCompletions.Specs;

/// <summary>What a spec must contain (docs/design.md, "Specs"): the headings in order, and the rules on exemplars.</summary>
public static class SpecLayout
{
    public const string AnswerDirectly = "Answer directly";
    public const string SafeCompletionOnly = "Safe-completion only";
    public const string RefuseWithRedirection = "Refuse with redirection";
    public const string FacilitationDimensions = "Facilitation dimensions";
    public const string IntentException = "Intent exception";
    public const string SeverityGuide = "Severity guide";

    /// <summary>The second-level sections every spec has, each non-empty.</summary>
    public static readonly IReadOnlyList<string> RequiredSections =
        [AnswerDirectly, SafeCompletionOnly, RefuseWithRedirection, FacilitationDimensions, IntentException, SeverityGuide];

    /// <summary>Third-level sections required under a second-level one.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> RequiredSubsections = new Dictionary<string, IReadOnlyList<string>>
    {
        [FacilitationDimensions] = Contracts.Facilitation.DimensionNames,
        [SeverityGuide] = ["none", "negligible", "low", "moderate", "high"],
    };

    /// <summary>The fewest labelled exemplars a spec may have.</summary>
    public const int MinimumExemplars = 12;

    /// <summary>The file beside <c>ID.md</c> that holds its exemplars.</summary>
    public static string ExemplarsFileName(string specFileName) =>
        Path.GetFileNameWithoutExtension(specFileName) + ".exemplars.jsonl";

    /// <summary>A spec id: lower-case letters, digits and underscores, starting with a letter.</summary>
    public static bool IsValidId(string id) =>
        id.Length is > 0 and <= 64 && char.IsAsciiLetterLower(id[0]) && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_');
}
