namespace SafeCompletions.Human.Study;

/// <summary>
/// An item as one rater sees it: their position in their own queue, the prompt and the two texts in their order, and
/// what they saved so far. It holds no item id, no system name and nothing else that tells the systems apart.
/// </summary>
public sealed record ShownItem(int Position, int Total, int Done, string Prompt, string Left, string Right, SavedRating? Saved);
