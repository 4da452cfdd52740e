using SafeCompletions.Grading;

namespace SafeCompletions.Abstractions.Tests;

/// <summary>The contracts stay light: a trainer or a web app that needs only IGrader and Grade pulls in nothing heavy.</summary>
public sealed class DependencyTests
{
    [Fact]
    public void Abstractions_ReferenceOnlyTheBaseLibraryAndMicrosoftExtensionsAIAbstractions()
    {
        var references = typeof(IGrader).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.All(references, name => Assert.True(
            name is "netstandard" or "Microsoft.Extensions.AI.Abstractions" || name.StartsWith("System", StringComparison.Ordinal),
            $"SafeCompletions.Abstractions references {name}"));
    }
}
