using Microsoft.Extensions.AI.Evaluation;

namespace SafeCompletions.Evaluation;

/// <summary>Tells <see cref="SafeCompletionEvaluator"/> which policy category the conversation falls under; without it the category is inferred.</summary>
public sealed class SafetyCategoryContext(string category) : EvaluationContext(ContextName, category)
{
    public const string ContextName = "Safety category";

    public string Category { get; } = category;
}
