using SafeCompletions.Embedded;
using SafeCompletions.Embedded.Encoding;
using SafeCompletions.Specs;

namespace SafeCompletions.Embedded.Tests;

/// <summary>One real MiniLM encoder (shipped in the NuGet package, no download) and a grader on the bundled specs, shared by the embedded tests.</summary>
public sealed class EncoderFixture : IDisposable
{
    public MiniLmTextEncoder Encoder { get; } = new();

    public EncoderFixture() => Grader = new EmbeddedGrader(Encoder, SpecCatalog.Load());

    public EmbeddedGrader Grader { get; }

    public void Dispose() => Encoder.Dispose();
}

[CollectionDefinition(Name)]
public sealed class EncoderCollection : ICollectionFixture<EncoderFixture>
{
    public const string Name = "MiniLM encoder";
}
