namespace SafeCompletions.Embedded.Features;

/// <summary>
/// One pair as the heads read it: the dense features (embeddings, signals, cosines) and, after them, the sparse word
/// block (vocabulary index and value of each word present). Word columns are not standardised.
/// </summary>
public sealed record FeatureRow(double[] Dense, int[] WordIndices, double[] WordValues)
{
    public static FeatureRow Of(PairFeatures features, Lexicon? lexicon)
    {
        var (indices, values) = lexicon is null ? ([], []) : lexicon.Vector(features.Terms);
        return new FeatureRow(features.ToVector(), indices, values);
    }
}
