namespace SafeCompletions.Embedded.Encoding;

/// <summary>Turns texts into unit-length sentence vectors.</summary>
public interface ITextEncoder
{
    /// <summary>The length of every vector.</summary>
    int Dimension { get; }

    /// <summary>A short name of the encoder and its version, written into trained weights.</summary>
    string Name { get; }

    /// <summary>Encodes one text; callers may call concurrently.</summary>
    Task<float[]> EncodeAsync(string text, CancellationToken cancellationToken = default);
}
