using SafeCompletions.Contracts;

namespace SafeCompletions.Grading;

/// <summary>Chooses the spec category for a conversation that names none.</summary>
public interface ICategoryClassifier
{
    /// <summary>The id of the best-matching spec.</summary>
    string Classify(IReadOnlyList<ChatTurn> conversation);
}
