using SafeCompletions.Embedded.Features;
using SafeCompletions.Embedded.Model;

namespace SafeCompletions.Embedded.Fitting;

/// <summary>What <see cref="GraderFitter.Fit"/> produces: both heads, the lexicon they read (none without a word block), and how many rows trained each.</summary>
public sealed record FittedHeads(HeadWeights Compliance, HeadWeights Safety, Lexicon? Lexicon, int ComplianceRows, int SafetyRows);
