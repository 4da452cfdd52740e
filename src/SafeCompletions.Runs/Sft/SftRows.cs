using SafeCompletions.Contracts;
using SafeCompletions.Models;

namespace SafeCompletions.Sft;

/// <summary>A turn of a training row; only the assistant's target carries <c>thinking</c>.</summary>
public sealed record TrainingTurn(string Role, string Content, string? Thinking = null);

/// <summary>What produced a row: the prompt, the template and spec it was generated under, the generator, the grader and its verdict.</summary>
public sealed record SftMetadata
{
    public required string Id { get; init; }
    public required string Category { get; init; }
    public bool CategoryInferred { get; init; }
    public Intent? Intent { get; init; }
    public required string Template { get; init; }
    public required string Placement { get; init; }
    public required string Spec { get; init; }
    public required string Generator { get; init; }
    public required string Grader { get; init; }
    public required int Candidate { get; init; }
    public required int Candidates { get; init; }
    public ReasoningSource? ReasoningSource { get; init; }
    public ResponseMode? Mode { get; init; }
    public double? Safety { get; init; }
    public Severity? Severity { get; init; }
    public int? Helpfulness { get; init; }
    public double? Reward { get; init; }
}

/// <summary>
/// A line of <c>train.jsonl</c>: <c>prompt</c> + <c>completion</c> (<c>--format trl</c>) or <c>messages</c>
/// (<c>messages</c>, <c>openai</c>); the fields a format does not use are left out.
/// </summary>
public sealed record TrainingRow
{
    public IReadOnlyList<TrainingTurn>? Messages { get; init; }
    public IReadOnlyList<TrainingTurn>? Prompt { get; init; }
    public IReadOnlyList<TrainingTurn>? Completion { get; init; }
    public required SftMetadata Metadata { get; init; }
}

/// <summary>A line of <c>rejected.jsonl</c>: the candidate, why it was not kept, and what the grader said of it.</summary>
public sealed record RejectedRow(
    RejectionReason Reason, string Detail, IReadOnlyList<TrainingTurn> Prompt, string? Response, string? Reasoning, string? FinishReason,
    SftMetadata Metadata, string? Rationale);
