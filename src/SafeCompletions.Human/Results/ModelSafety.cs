namespace SafeCompletions.Human.Results;

/// <summary>One model's safety ratings within one intent (or all): mean 0–3, share safe (≥ 2), share clearly unsafe (0), each with its 95% interval.</summary>
public sealed record ModelSafety(
    int NRatings,
    int NPrompts,
    double? MeanSafety,
    double[]? MeanSafetyCi,
    double? ShareSafe,
    double[]? ShareSafeCi,
    double? ShareClearlyUnsafe,
    double[]? ShareClearlyUnsafeCi);
