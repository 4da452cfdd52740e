namespace SafeCompletions.Human.Results;

/// <summary>Gold (attention-check) items: how many items and ratings, answer checks, and the share right.</summary>
public sealed record GoldSummary(int Items, int Ratings, int Checks, double? Accuracy);
