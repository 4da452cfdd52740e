using System.Security.Cryptography;
using System.Text;
using SafeCompletions.Contracts;
using SafeCompletions.Jsonl;
using YamlDotNet.RepresentationModel;

namespace SafeCompletions.Specs;

/// <summary>Parses and checks one spec (front matter, sections, exemplars), collecting every problem rather than stopping at the first.</summary>
internal sealed class SpecParser
{
    private readonly SpecSource _source;
    private readonly List<SpecError> _errors = [];

    private SpecParser(SpecSource source) => _source = source;

    public static (PolicySpec? Spec, IReadOnlyList<SpecError> Errors) Parse(SpecSource source)
    {
        var parser = new SpecParser(source);
        var spec = parser.Run();
        return (parser._errors.Count == 0 ? spec : null, parser._errors);
    }

    private PolicySpec? Run()
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(_source.Markdown);
        }
        catch (DecoderFallbackException)
        {
            Error(0, "(file)", "is not valid UTF-8");
            return null;
        }
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF').Split('\n');
        var (frontMatter, bodyStart) = SplitFrontMatter(lines);
        if (frontMatter is null)
        {
            return null;
        }
        var fields = ParseFrontMatter(frontMatter);
        var sections = ParseSections(lines, bodyStart);
        CheckSections(sections, lines.Length);
        var exemplars = ParseExemplars();
        if (fields is null)
        {
            return null;
        }

        var id = Required(fields, "id");
        var title = Required(fields, "title");
        var versionText = Required(fields, "version");
        if (id is not null && !SpecLayout.IsValidId(id.Value.Text))
        {
            Error(id.Value.Line, "id", $"'{id.Value.Text}' is not a valid id (lower-case letters, digits, '_', starting with a letter)");
        }
        var stem = Path.GetFileNameWithoutExtension(_source.Name);
        if (id is not null && id.Value.Text != stem)
        {
            Error(id.Value.Line, "id", $"'{id.Value.Text}' does not match the file name '{stem}.md'");
        }
        var version = 0;
        if (versionText is not null && (!int.TryParse(versionText.Value.Text, out version) || version < 1))
        {
            Error(versionText.Value.Line, "version", $"'{versionText.Value.Text}' is not a whole number of 1 or more");
        }
        fields.TryGetValue("parent", out var parent);
        fields.TryGetValue("summary", out var summary);
        if (parent.Text is not null && id is not null && parent.Text == id.Value.Text)
        {
            Error(parent.Line, "parent", "a spec cannot be its own parent");
        }

        if (_errors.Count > 0 || id is null || title is null)
        {
            return null;
        }
        return new PolicySpec
        {
            Id = id.Value.Text,
            Title = title.Value.Text,
            Version = version,
            Parent = string.IsNullOrWhiteSpace(parent.Text) ? null : parent.Text,
            Summary = summary.Text,
            Source = _source.Name,
            Hash = Convert.ToHexStringLower(SHA256.HashData(_source.Markdown))[..12],
            Body = string.Join('\n', lines[bodyStart..]).Trim(),
            Sections = sections,
            Exemplars = exemplars,
        };
    }

    private (string[]? FrontMatter, int BodyStart) SplitFrontMatter(string[] lines)
    {
        if (lines.Length == 0 || lines[0].Trim() != "---")
        {
            Error(1, "front matter", "the file must start with a '---' line opening YAML front matter (id, title, version)");
            return (null, 0);
        }
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Trim() == "---")
            {
                return (lines[1..i], i + 1);
            }
        }
        Error(1, "front matter", "no closing '---' line");
        return (null, 0);
    }

    /// <summary>The front matter's fields with their lines; null when it is not YAML at all.</summary>
    private Dictionary<string, (string? Text, int Line)>? ParseFrontMatter(string[] frontMatter)
    {
        var fields = new Dictionary<string, (string? Text, int Line)>(StringComparer.Ordinal);
        var (yaml, problem) = FrontMatterYaml.Load(string.Join('\n', frontMatter));
        if (problem is not null)
        {
            _errors.Add(new SpecError(_source.Name, problem.Line, "front matter", $"not valid YAML: {problem.Message}", problem.Column));
            return null;
        }
        if (yaml!.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode mapping)
        {
            Error(FrontMatterYaml.FirstLine, "front matter", "expected a YAML mapping (id, title, version)");
            return null;
        }
        foreach (var (key, value) in mapping.Children)
        {
            var line = FrontMatterYaml.FileLine(key.Start);
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (value is not YamlScalarNode scalar)
            {
                // Present but of the wrong kind: this error, not a second one saying the field is missing.
                _errors.Add(new SpecError(_source.Name, FrontMatterYaml.FileLine(value.Start), name,
                    $"expected a single value (text or a number), not a {(value is YamlSequenceNode ? "list" : "mapping")}", (int)value.Start.Column));
                fields[name] = (null, line);
                continue;
            }
            fields[name] = (scalar.Value, line);
        }
        return fields;
    }

    private (string Text, int Line)? Required(Dictionary<string, (string? Text, int Line)> fields, string name)
    {
        if (fields.TryGetValue(name, out var field) && !string.IsNullOrWhiteSpace(field.Text))
        {
            return (field.Text.Trim(), field.Line);
        }
        if (!fields.TryGetValue(name, out var present))
        {
            Error(1, name, "missing from the front matter");
        }
        else if (_errors.All(e => e.Field != name))
        {
            Error(present.Line, name, "missing from the front matter");
        }
        return null;
    }

    private static List<SpecSection> ParseSections(string[] lines, int bodyStart)
    {
        var sections = new List<SpecSection>();
        var headings = new List<(int Level, string Heading, int Line)>();
        for (var i = bodyStart; i < lines.Length; i++)
        {
            var level = lines[i].StartsWith("### ", StringComparison.Ordinal) ? 3 : lines[i].StartsWith("## ", StringComparison.Ordinal) ? 2 : 0;
            if (level > 0)
            {
                headings.Add((level, lines[i][(level + 1)..].Trim(), i + 1));
            }
        }
        for (var h = 0; h < headings.Count; h++)
        {
            if (headings[h].Level != 2)
            {
                continue;
            }
            var end = headings.FindIndex(h + 1, x => x.Level == 2);
            var subsections = new List<SpecSection>();
            for (var s = h + 1; s < (end < 0 ? headings.Count : end); s++)
            {
                subsections.Add(new SpecSection(headings[s].Heading, headings[s].Line, TextBetween(lines, headings, s, s + 1), []));
            }
            sections.Add(new SpecSection(headings[h].Heading, headings[h].Line, TextBetween(lines, headings, h, end), subsections));
        }
        return sections;
    }

    /// <summary>The text under heading <paramref name="index"/>, up to heading <paramref name="next"/> (or the end when there is none).</summary>
    private static string TextBetween(string[] lines, List<(int Level, string Heading, int Line)> headings, int index, int next)
    {
        var first = headings[index].Line;
        var last = next >= 0 && next < headings.Count ? headings[next].Line - 1 : lines.Length;
        return string.Join('\n', lines[first..last]).Trim();
    }

    private void CheckSections(List<SpecSection> sections, int lineCount)
    {
        foreach (var duplicate in sections.GroupBy(s => s.Heading, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            Error(duplicate.Skip(1).First().Line, $"section '{duplicate.Key}'", "appears more than once");
        }
        foreach (var required in SpecLayout.RequiredSections)
        {
            var section = sections.FirstOrDefault(s => string.Equals(s.Heading, required, StringComparison.OrdinalIgnoreCase));
            if (section is null)
            {
                Error(lineCount, $"section '{required}'", $"missing (a '## {required}' heading)");
                continue;
            }
            if (!SpecLayout.RequiredSubsections.TryGetValue(required, out var subsections))
            {
                if (section.Text.Length == 0)
                {
                    Error(section.Line, $"section '{required}'", "is empty");
                }
                continue;
            }
            foreach (var name in subsections)
            {
                var sub = section.Subsections.FirstOrDefault(s => string.Equals(s.Heading, name, StringComparison.OrdinalIgnoreCase));
                if (sub is null)
                {
                    Error(section.Line, $"section '{required}/{name}'", $"missing (a '### {name}' heading under '## {required}')");
                }
                else if (sub.Text.Length == 0)
                {
                    Error(sub.Line, $"section '{required}/{name}'", "is empty");
                }
            }
        }
    }

    private List<SpecExemplar> ParseExemplars()
    {
        var exemplars = new List<SpecExemplar>();
        if (_source.Exemplars is null || _source.ExemplarsName is null)
        {
            Error(0, "exemplars", $"missing: put at least {SpecLayout.MinimumExemplars} labelled exemplars in {SpecLayout.ExemplarsFileName(_source.Name)} beside the spec");
            return exemplars;
        }
        var lines = Encoding.UTF8.GetString(_source.Exemplars).TrimStart('\uFEFF').Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }
            var parsed = JsonlReader.Parse(_source.ExemplarsName, i + 1, lines[i], SpecJson.Default.SpecExemplar, ValidateExemplar);
            if (parsed.Error is { } error)
            {
                _errors.Add(new SpecError(error.File, error.Line, error.Field, error.Message));
            }
            else
            {
                exemplars.Add(parsed.Row!);
            }
        }
        CheckCoverage(exemplars);
        return exemplars;
    }

    private static RowValidationProblem? ValidateExemplar(SpecExemplar e) =>
        string.IsNullOrWhiteSpace(e.Prompt) ? new("prompt", "missing or empty")
        : e.Response is null ? new("response", "missing")
        : e.Intent is null ? new("intent", $"missing; one of {ContractNames.AllOf<Intent>()}")
        : e.Mode is null ? new("mode", $"missing; one of {ContractNames.AllOf<ResponseMode>()}")
        : e.Safe is null ? new("safe", "missing; true or false")
        : e.Severity is null ? new("severity", $"missing; one of {ContractNames.AllOf<Severity>()}")
        : e.Safe is false && e.Severity is Severity.None ? new("severity", "an unsafe exemplar cannot have severity none")
        : e.Safe is true && e.Severity is Severity.Moderate or Severity.High ? new("severity", "a safe exemplar cannot have severity moderate or high")
        : null;

    private void CheckCoverage(List<SpecExemplar> exemplars)
    {
        var name = _source.ExemplarsName!;
        if (exemplars.Count < SpecLayout.MinimumExemplars)
        {
            Error(name, "exemplars", $"{exemplars.Count} valid exemplar(s); at least {SpecLayout.MinimumExemplars} are needed");
        }
        foreach (var mode in Enum.GetValues<ResponseMode>().Where(m => exemplars.All(e => e.Mode != m)))
        {
            Error(name, "mode", $"no exemplar of mode {ContractNames.Of(mode)}; exemplars must cover every mode");
        }
        foreach (var intent in Enum.GetValues<Intent>().Where(i => exemplars.All(e => e.Intent != i)))
        {
            Error(name, "intent", $"no exemplar with intent {ContractNames.Of(intent)}; exemplars must cover every intent");
        }
    }

    private void Error(int line, string field, string message) => _errors.Add(new SpecError(_source.Name, line, field, message));

    private void Error(string file, string field, string message) => _errors.Add(new SpecError(file, 0, field, message));
}
