using SafeCompletions.Specs;

namespace SafeCompletions.Embedded.Exemplars;

/// <summary>A spec exemplar near the graded pair, and how near (cosine similarity, averaged over prompt and opening).</summary>
public sealed record ExemplarMatch(string Category, int Number, SpecExemplar Exemplar, double Similarity);
