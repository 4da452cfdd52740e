using SafeCompletions.Specs;

namespace SafeCompletions.Specs.Tests;

public sealed class SpecCatalogTests
{
    [Fact]
    public void Load_Bundled_HasTheNineCategoriesOfTheDesign()
    {
        var catalog = SpecCatalog.Load();

        Assert.Equal(
            ["biorisk", "cyber", "harassment", "hate", "illicit", "privacy", "self_harm", "sexual", "violence"],
            catalog.All.Select(s => s.Id));
    }

    [Fact]
    public void Load_Bundled_EverySpecHasAllSectionsAndEnoughExemplarsOfEveryModeAndIntent()
    {
        foreach (var spec in SpecCatalog.Load().All)
        {
            Assert.All(SpecLayout.RequiredSections, heading => Assert.NotEmpty(spec.Section(heading)!.Text));
            Assert.True(spec.Exemplars.Count >= SpecLayout.MinimumExemplars, spec.Id);
            Assert.Equal(4, spec.Exemplars.Select(e => e.Mode).Distinct().Count());
            Assert.Equal(3, spec.Exemplars.Select(e => e.Intent).Distinct().Count());
            Assert.Contains(spec.Exemplars, e => e.Safe == false);
        }
    }

    [Fact]
    public void Identity_IsIdVersionAndTwelveHexOfTheFileHash()
    {
        var markdown = SpecFixture.Markdown(version: 3);
        var expectedHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(markdown)))[..12];

        var (catalog, errors) = SpecCatalog.TryLoad([SpecFixture.Source(markdown, SpecFixture.ExemplarLines())]);

        Assert.Empty(errors);
        Assert.Equal($"gardening@3+sha256:{expectedHash}", catalog!.Get("gardening").Identity);
    }

    [Fact]
    public void Identity_ChangesWhenTheTextChanges()
    {
        var before = SpecCatalog.TryLoad([SpecFixture.Source(SpecFixture.Markdown(), SpecFixture.ExemplarLines())]).Catalog!.Get("gardening");
        var after = SpecCatalog.TryLoad([SpecFixture.Source(SpecFixture.Markdown() + "\nOne more line.\n", SpecFixture.ExemplarLines())]).Catalog!.Get("gardening");

        Assert.NotEqual(before.Identity, after.Identity);
    }

    [Fact]
    public void Load_UserDirectory_AddsANewCategory()
    {
        using var dir = new TempDirectory();
        SpecFixture.WriteTo(dir.Path);

        var catalog = SpecCatalog.Load(dir.Path);

        Assert.Equal(10, catalog.All.Count);
        Assert.Equal("Dangerous gardening", catalog.Get("gardening").Title);
    }

    [Fact]
    public void Load_UserDirectory_ReplacesABundledCategoryOfTheSameId()
    {
        using var dir = new TempDirectory();
        SpecFixture.WriteTo(dir.Path, "cyber", SpecFixture.Markdown("cyber", version: 7, parent: "illicit", title: "Our cyber policy"));

        var cyber = SpecCatalog.Load(dir.Path).Get("cyber");

        Assert.Equal("Our cyber policy", cyber.Title);
        Assert.StartsWith("cyber@7+sha256:", cyber.Identity);
        Assert.Equal(Path.Combine(dir.Path, "cyber.md"), cyber.Source);
    }

    [Fact]
    public void Load_UnknownParent_IsAnErrorNamingTheFile()
    {
        using var dir = new TempDirectory();
        SpecFixture.WriteTo(dir.Path, markdown: SpecFixture.Markdown(parent: "nonexistent"));

        var error = Assert.Single(Assert.Throws<SpecValidationException>(() => SpecCatalog.Load(dir.Path)).Errors);

        Assert.Equal(Path.Combine(dir.Path, "gardening.md"), error.File);
        Assert.Equal("parent", error.Field);
    }

    [Fact]
    public void Load_ExemplarsWithoutSpec_IsAnError()
    {
        using var dir = new TempDirectory();
        dir.Write("orphan.exemplars.jsonl", SpecFixture.ExemplarLines());

        var error = Assert.Single(Assert.Throws<SpecValidationException>(() => SpecCatalog.Load(dir.Path)).Errors);

        Assert.EndsWith("orphan.exemplars.jsonl", error.File);
    }

    [Fact]
    public void Load_MissingDirectory_IsAnError()
    {
        var error = Assert.Single(Assert.Throws<SpecValidationException>(() => SpecCatalog.Load("/nonexistent/specs")).Errors);

        Assert.Equal("/nonexistent/specs", error.File);
    }
}
