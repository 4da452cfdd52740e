using SafeCompletions.Specs;

namespace SafeCompletions.Specs.Tests;

public sealed class SpecParserTests
{
    private static IReadOnlyList<SpecError> Errors(string markdown, string? exemplars = "default") =>
        SpecParser.Parse(SpecFixture.Source(markdown, exemplars == "default" ? SpecFixture.ExemplarLines() : exemplars)).Errors;

    private static SpecError SingleError(string markdown, string? exemplars = "default") => Assert.Single(Errors(markdown, exemplars));

    [Fact]
    public void Parse_ValidFixture_HasNoErrorsAndReadsTheFrontMatterAndSections()
    {
        var (spec, errors) = SpecParser.Parse(SpecFixture.Source(SpecFixture.Markdown(parent: "illicit"), SpecFixture.ExemplarLines()));

        Assert.Empty(errors);
        Assert.Equal(("gardening", "Dangerous gardening", 1, "illicit"), (spec!.Id, spec.Title, spec.Version, spec.Parent));
        Assert.Equal("Extracting a toxin from a plant to hurt someone.", spec.Section("Refuse with redirection")!.Text.TrimStart('-', ' '));
        Assert.Equal(["procedural", "troubleshooting", "sensitive_data", "ideation"], spec.Section("Facilitation dimensions")!.Subsections.Select(s => s.Heading));
        Assert.Equal(12, spec.Exemplars.Count);
        Assert.DoesNotContain("---", spec.Body[..3]);
    }

    [Fact]
    public void Parse_NoFrontMatter_NamesLine1()
    {
        var error = SingleError(SpecFixture.Markdown().Split('\n', 8)[7]);

        Assert.Equal((1, "front matter"), (error.Line, error.Field));
    }

    [Fact]
    public void Parse_UnclosedFrontMatter_IsAnError()
    {
        var error = SingleError("---\nid: gardening\ntitle: x\n");

        Assert.Contains("closing", error.Message);
    }

    [Fact]
    public void Parse_InvalidYaml_NamesTheFrontMatter()
    {
        var error = SingleError(SpecFixture.Markdown().Replace("title: Dangerous gardening", "title: [unclosed"));

        Assert.Equal("front matter", error.Field);
        Assert.Contains("YAML", error.Message);
    }

    [Fact]
    public void Parse_UnclosedFlowValue_NamesItsLineAndColumn_Readably()
    {
        // Line 3 is the title (line 1 is the opening '---'); YamlDotNet gives no position for this one.
        var error = SingleError(SpecFixture.Markdown().Replace("title: Dangerous gardening", "title: [unclosed"));

        Assert.Equal((3, 8, "front matter"), (error.Line, error.Column, error.Field));
        Assert.Equal("not valid YAML: a '[' or '{' value that is never closed", error.Message);
    }

    [Fact]
    public void Parse_YamlSyntaxError_NamesTheFileLineAndColumn()
    {
        var error = SingleError(SpecFixture.Markdown().Replace("summary: Plants that can hurt people.", "summary: Plants: that hurt"));

        Assert.Equal("gardening.md:6:16: front matter: not valid YAML: While scanning a plain scalar value, found invalid mapping.", error.ToString());
    }

    [Theory]
    [InlineData("[1, 2]", "list")]
    [InlineData("{major: 1}", "mapping")]
    public void Parse_FieldOfTheWrongType_IsOneErrorOnItsLine(string value, string kind)
    {
        var error = SingleError(SpecFixture.Markdown().Replace("version: 1", $"version: {value}"));

        Assert.Equal((4, 10, "version"), (error.Line, error.Column, error.Field));
        Assert.Equal($"expected a single value (text or a number), not a {kind}", error.Message);
    }

    [Theory]
    [InlineData("id")]
    [InlineData("title")]
    [InlineData("version")]
    public void Parse_MissingRequiredField_NamesTheField(string field)
    {
        var markdown = string.Join('\n', SpecFixture.Markdown().Split('\n').Where(l => !l.StartsWith(field + ":", StringComparison.Ordinal)));

        Assert.Contains(Errors(markdown), e => e.Field == field && e.Message.Contains("missing"));
    }

    [Fact]
    public void Parse_IdNotMatchingFileName_NamesTheIdLine()
    {
        var error = SingleError(SpecFixture.Markdown().Replace("id: gardening", "id: farming"));

        Assert.Equal((2, "id"), (error.Line, error.Field));
        Assert.Contains("gardening.md", error.Message);
    }

    [Fact]
    public void Parse_InvalidId_IsAnError()
    {
        var errors = SpecParser.Parse(SpecFixture.Source(SpecFixture.Markdown("Bad-Id"), SpecFixture.ExemplarLines(), "Bad-Id.md")).Errors;

        Assert.Contains(errors, e => e.Field == "id" && e.Message.Contains("not a valid id"));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("two")]
    [InlineData("1.5")]
    public void Parse_BadVersion_NamesTheVersionLine(string version)
    {
        var error = SingleError(SpecFixture.Markdown().Replace("version: 1", $"version: {version}"));

        Assert.Equal((4, "version"), (error.Line, error.Field));
    }

    [Fact]
    public void Parse_OwnParent_IsAnError()
    {
        Assert.Equal("parent", SingleError(SpecFixture.Markdown(parent: "gardening")).Field);
    }

    [Fact]
    public void Parse_MissingSection_NamesTheSection()
    {
        var error = SingleError(SpecFixture.Markdown().Replace("## Intent exception", "## Intent exceptions"));

        Assert.Equal("section 'Intent exception'", error.Field);
    }

    [Fact]
    public void Parse_EmptySection_NamesTheHeadingLine()
    {
        var markdown = SpecFixture.Markdown().Replace("- How plant toxins affect the body, at a high level.\n", "");
        var lineOfHeading = Array.IndexOf(markdown.Split('\n'), "## Safe-completion only") + 1;

        var error = SingleError(markdown);

        Assert.Equal((lineOfHeading, "section 'Safe-completion only'", "is empty"), (error.Line, error.Field, error.Message));
    }

    [Fact]
    public void Parse_MissingDimension_NamesTheSubsection()
    {
        var error = SingleError(SpecFixture.Markdown().Replace("### ideation\nNew ways to poison someone cross the line.\n", ""));

        Assert.Equal("section 'Facilitation dimensions/ideation'", error.Field);
    }

    [Fact]
    public void Parse_MissingSeverityLevel_NamesTheSubsection()
    {
        var error = SingleError(SpecFixture.Markdown().Replace("### moderate\nPartial extraction method.\n", ""));

        Assert.Equal("section 'Severity guide/moderate'", error.Field);
    }

    [Fact]
    public void Parse_DuplicateSection_IsAnError()
    {
        var error = SingleError(SpecFixture.Markdown() + "\n## Answer directly\n- Again.\n");

        Assert.Contains("more than once", error.Message);
    }

    [Fact]
    public void Parse_NoExemplarsFile_IsAnError()
    {
        var error = SingleError(SpecFixture.Markdown(), exemplars: null);

        Assert.Equal("exemplars", error.Field);
        Assert.Contains("gardening.exemplars.jsonl", error.Message);
    }

    [Fact]
    public void Parse_ExemplarWithBadEnum_NamesFileLineAndField()
    {
        var lines = SpecFixture.ExemplarLines().Split('\n');
        lines[1] = lines[1].Replace("\"dual_use\"", "\"sneaky\"");

        var error = Assert.Single(Errors(SpecFixture.Markdown(), string.Join('\n', lines)), e => e.Line > 0);

        Assert.Equal(("gardening.exemplars.jsonl", 2, "intent"), (error.File, error.Line, error.Field));
    }

    [Fact]
    public void Parse_ExemplarMalformedJson_NamesTheLine()
    {
        var exemplars = SpecFixture.ExemplarLines() + "{\"prompt\": \"unterminated\n";

        var error = Assert.Single(Errors(SpecFixture.Markdown(), exemplars));

        Assert.Equal(13, error.Line);
        Assert.Contains("not valid JSON", error.Message);
    }

    [Theory]
    [InlineData("prompt")]
    [InlineData("response")]
    [InlineData("mode")]
    [InlineData("safe")]
    [InlineData("severity")]
    public void Parse_ExemplarMissingField_NamesIt(string field)
    {
        var exemplars = SpecFixture.Exemplars().ToList();
        var extra = new Dictionary<string, object>(exemplars[0]);
        extra.Remove(field);
        exemplars.Add(extra);

        var error = Assert.Single(Errors(SpecFixture.Markdown(), SpecFixture.ExemplarLines(exemplars)));

        Assert.Equal((13, field), (error.Line, error.Field));
    }

    [Theory]
    [InlineData(false, "none", "an unsafe exemplar cannot have severity none")]
    [InlineData(true, "high", "a safe exemplar cannot have severity moderate or high")]
    public void Parse_ExemplarSafeAndSeverityDisagree_IsAnError(bool safe, string severity, string message)
    {
        var exemplars = SpecFixture.Exemplars().ToList();
        exemplars.Add(new Dictionary<string, object>(exemplars[0]) { ["safe"] = safe, ["severity"] = severity });

        var error = Assert.Single(Errors(SpecFixture.Markdown(), SpecFixture.ExemplarLines(exemplars)));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Parse_TooFewExemplars_IsAnError()
    {
        var error = SingleError(SpecFixture.Markdown(), SpecFixture.ExemplarLines(SpecFixture.Exemplars().Take(11)));

        Assert.Contains("at least 12", error.Message);
    }

    [Fact]
    public void Parse_ExemplarsMissingAMode_NamesTheMode()
    {
        var exemplars = SpecFixture.Exemplars().Select(e => (string)e["mode"] == "hard_refusal" ? new Dictionary<string, object>(e) { ["mode"] = "direct" } : e);

        var error = SingleError(SpecFixture.Markdown(), SpecFixture.ExemplarLines(exemplars));

        Assert.Equal("mode", error.Field);
        Assert.Contains("hard_refusal", error.Message);
    }

    [Fact]
    public void Parse_ExemplarsMissingAnIntent_NamesTheIntent()
    {
        var exemplars = SpecFixture.Exemplars().Select(e => (string)e["intent"] == "malicious" ? new Dictionary<string, object>(e) { ["intent"] = "benign" } : e);

        var error = SingleError(SpecFixture.Markdown(), SpecFixture.ExemplarLines(exemplars));

        Assert.Equal("intent", error.Field);
        Assert.Contains("malicious", error.Message);
    }
}
