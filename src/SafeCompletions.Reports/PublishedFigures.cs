namespace SafeCompletions.Reports;

/// <summary>The paper's published figures (method.md), shown as the report's reference panel.</summary>
internal static class PublishedFigures
{
    public static readonly IReadOnlyList<(string Comparison, string Intent, string Safety, string Helpfulness)> Rows =
    [
        ("CE-Refusal → CE-SafeComplete", "benign", "0.90 → 0.92", ""),
        ("", "dual-use", "0.75 → 0.79", ""),
        ("", "malicious", "0.70 → 0.70", "1.99 → 3.18"),
        ("o3 → GPT-5", "dual-use", "0.75 → 0.84", ""),
        ("", "malicious", "0.73 → 0.83", "1.94 → 3.24"),
        ("biorisk (620 prompts), CE pair", "all", "0.86 → 0.86", "2.97 → 3.49"),
        ("biorisk, o3 → GPT-5", "all", "0.85 → 0.92", "2.95 → 3.43"),
    ];

    public const string Notes =
        "Biorisk, P(high or moderate | unsafe): o3 42.7% → GPT-5 14.7%. Human evaluation, o3 → GPT-5: safety 0.85 → 0.90; " +
        "helpfulness wins 32% vs 56%; balance wins 35% vs 65%. Source: Yuan et al. 2025, arXiv 2508.09224.";
}
