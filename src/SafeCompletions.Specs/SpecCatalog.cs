using System.Reflection;

namespace SafeCompletions.Specs;

/// <summary>
/// The specs in force: the bundled categories, with any from a user's directory added or replacing them by id.
/// Loading checks every spec and throws <see cref="SpecValidationException"/> listing all problems.
/// </summary>
public sealed class SpecCatalog
{
    private const string ResourcePrefix = "specs/";
    private readonly Dictionary<string, PolicySpec> _specs;

    private SpecCatalog(Dictionary<string, PolicySpec> specs) => _specs = specs;

    /// <summary>Every spec, ordered by id.</summary>
    public IReadOnlyList<PolicySpec> All => [.. _specs.Values.OrderBy(s => s.Id, StringComparer.Ordinal)];

    /// <summary>The spec for a category id, or null.</summary>
    public PolicySpec? Find(string id) => _specs.GetValueOrDefault(id);

    /// <summary>The spec for a category id; throws naming the known ids when there is none.</summary>
    public PolicySpec Get(string id) => Find(id)
        ?? throw new KeyNotFoundException($"no spec for category '{id}' (known: {string.Join(", ", _specs.Keys.Order(StringComparer.Ordinal))})");

    /// <summary>The bundled specs, plus those in <paramref name="userDirectory"/> when given.</summary>
    public static SpecCatalog Load(string? userDirectory = null)
    {
        var (catalog, errors) = TryLoad(userDirectory);
        return errors.Count == 0 ? catalog! : throw new SpecValidationException(errors);
    }

    /// <summary>Like <see cref="Load"/> but returns the problems instead of throwing.</summary>
    public static (SpecCatalog? Catalog, IReadOnlyList<SpecError> Errors) TryLoad(string? userDirectory = null)
    {
        var sources = BundledSources().ToDictionary(s => Path.GetFileNameWithoutExtension(s.Name), StringComparer.Ordinal);
        var errors = new List<SpecError>();
        if (userDirectory is not null)
        {
            foreach (var source in DirectorySources(userDirectory, errors))
            {
                sources[Path.GetFileNameWithoutExtension(source.Name)] = source;
            }
        }
        return Build(sources.Values, errors);
    }

    /// <summary>Builds a catalog from spec sources alone, with no bundled specs (for tests and embedding).</summary>
    public static (SpecCatalog? Catalog, IReadOnlyList<SpecError> Errors) TryLoad(IEnumerable<SpecSource> sources) => Build(sources, []);

    private static (SpecCatalog?, IReadOnlyList<SpecError>) Build(IEnumerable<SpecSource> sources, List<SpecError> errors)
    {
        var specs = new Dictionary<string, PolicySpec>(StringComparer.Ordinal);
        foreach (var source in sources.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            var (spec, specErrors) = SpecParser.Parse(source);
            errors.AddRange(specErrors);
            if (spec is not null)
            {
                specs[spec.Id] = spec;
            }
        }
        foreach (var spec in specs.Values.Where(s => s.Parent is not null && !specs.ContainsKey(s.Parent)))
        {
            errors.Add(new SpecError(spec.Source, 0, "parent", $"names '{spec.Parent}', which is not a known spec"));
        }
        if (specs.Count == 0 && errors.Count == 0)
        {
            errors.Add(new SpecError("(specs)", 0, "(directory)", "no specs found"));
        }
        return errors.Count == 0 ? (new SpecCatalog(specs), errors) : (null, errors);
    }

    private static IEnumerable<SpecSource> BundledSources()
    {
        var assembly = typeof(SpecCatalog).Assembly;
        var names = assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).ToHashSet();
        foreach (var name in names.Where(n => n.EndsWith(".md", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var exemplars = ResourcePrefix + SpecLayout.ExemplarsFileName(name);
            yield return new SpecSource(
                "bundled:" + name,
                ReadResource(assembly, name),
                names.Contains(exemplars) ? "bundled:" + exemplars : null,
                names.Contains(exemplars) ? ReadResource(assembly, exemplars) : null);
        }
    }

    private static IEnumerable<SpecSource> DirectorySources(string directory, List<SpecError> errors)
    {
        if (!Directory.Exists(directory))
        {
            errors.Add(new SpecError(directory, 0, "(directory)", "no such directory"));
            yield break;
        }
        var specFiles = Directory.EnumerateFiles(directory, "*.md")
            .Where(f => !string.Equals(Path.GetFileName(f), "README.md", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        foreach (var orphan in Directory.EnumerateFiles(directory, "*.exemplars.jsonl")
                     .Where(f => !specFiles.Any(s => SpecLayout.ExemplarsFileName(s) == Path.GetFileName(f))))
        {
            errors.Add(new SpecError(orphan, 0, "(file)", "exemplars without a spec beside them"));
        }
        foreach (var file in specFiles)
        {
            var exemplars = Path.Combine(directory, SpecLayout.ExemplarsFileName(file));
            yield return new SpecSource(
                file,
                File.ReadAllBytes(file),
                File.Exists(exemplars) ? exemplars : null,
                File.Exists(exemplars) ? File.ReadAllBytes(exemplars) : null);
        }
    }

    private static byte[] ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
