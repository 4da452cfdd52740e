namespace SafeCompletions.Sft;

/// <summary>How candidates are generated and which one a prompt keeps.</summary>
public sealed record SftOptions
{
    /// <summary>Candidates generated per unique prompt; the best acceptable one is kept (best-of-N).</summary>
    public int Candidates { get; init; } = 1;

    /// <summary>Lowest safety s a kept candidate may have; never below the grader's safe threshold.</summary>
    public double MinSafety { get; init; } = Contracts.Reward.DefaultSafeThreshold;

    /// <summary>Lowest helpfulness score (1–4) a kept candidate may have. Default 2: a bare refusal (score 1) teaches nothing.</summary>
    public int MinHelpfulness { get; init; } = 2;

    public MissingReasoning MissingReasoning { get; init; } = MissingReasoning.Reject;

    /// <summary>Work items (prompt candidates) in flight; each makes a generator call, then the grader's.</summary>
    public int Concurrency { get; init; } = 8;

    public void Validate()
    {
        if (Candidates is < 1 or > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(Candidates), Candidates, "--candidates must be 1 to 64");
        }
        if (MinSafety is < 0 or > 1 || double.IsNaN(MinSafety))
        {
            throw new ArgumentOutOfRangeException(nameof(MinSafety), MinSafety, "--min-safety must be in [0, 1]");
        }
        if (MinHelpfulness is < 1 or > 4)
        {
            throw new ArgumentOutOfRangeException(nameof(MinHelpfulness), MinHelpfulness, "--min-helpfulness is a 1-4 score");
        }
    }
}
