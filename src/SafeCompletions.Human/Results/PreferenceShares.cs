namespace SafeCompletions.Human.Results;

/// <summary>Shares of ratings that preferred a, b or neither; the p-value is the sign test over prompts (a prompt goes to the system more of its ratings preferred).</summary>
public sealed record PreferenceShares(double AWins, double BWins, double Ties, int PromptsA, int PromptsB, double PValue);
