using SafeCompletions.Contracts;
using SafeCompletions.Files;
using SafeCompletions.Grading;
using SafeCompletions.Jsonl;
using SafeCompletions.Runs;
using SafeCompletions.Specs;

namespace SafeCompletions.Sft;

/// <summary>
/// Runs spec-aware SFT data generation into its directory: for every unique prompt, N candidates from the generator
/// under the prompt's spec, each screened and graded, then the best acceptable one as the prompt's training row.
/// Each candidate is stored as soon as it is generated and again when graded; only what is missing is done, so the
/// same call after a crash (even SIGKILL) finishes the run. A failed generation is tried again on the next run.
/// </summary>
public sealed class SftRunner(ISftRunStore store, CandidateGenerator generator, string generatorName, IGrader grader, SpecCatalog catalog, SftOptions options)
{
    /// <summary>The grader, with a fault turned into an unscored grade so that one row never stops the run.</summary>
    private readonly IGrader _grader = grader.AsBuilder().UseUnscoredOnFault().Build();

    private const int PageSize = 500;

    /// <summary>Generates and grades what is missing, then writes train.jsonl, rejected.jsonl and stats.json.</summary>
    public async Task<SftResult> RunAsync(string directory, TrainingFormat format, TemplatePlacement placement, IProgress<GradeProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        await WorkAsync(progress, cancellationToken).ConfigureAwait(false);
        return await WriteOutputsAsync(directory, format, placement, cancellationToken).ConfigureAwait(false);
    }

    private async Task WorkAsync(IProgress<GradeProgress>? progress, CancellationToken cancellationToken)
    {
        var total = store.Counts().Units * options.Candidates;
        var done = 0;
        progress?.Report(new GradeProgress(0, total));
        // Twice the model concurrency in work items: each item spends part of its time on the generator and part on
        // the grader, and both should stay busy.
        await ResumableWork.RunAsync(MissingWorkAsync(cancellationToken), options.Concurrency * 2,
            (item, token) => new ValueTask(CompleteAsync(item.Prompt, item.Index, item.Existing, token)),
            count => progress?.Report(new GradeProgress(Interlocked.Add(ref done, count), total)), cancellationToken).ConfigureAwait(false);
        progress?.Report(new GradeProgress(total, total));
    }

    /// <summary>The candidates still to generate or grade, page by page.</summary>
    private async IAsyncEnumerable<WorkPage<(SftPrompt Prompt, int Index, GeneratedCandidate? Existing)>> MissingWorkAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long after = 0;
        while (await store.UnitPageAsync(after, PageSize, cancellationToken).ConfigureAwait(false) is { Count: > 0 } page)
        {
            after = page[^1].Seq;
            var complete = 0;
            var missing = new List<(SftPrompt, int, GeneratedCandidate?)>();
            foreach (var (_, prompt, candidates) in page)
            {
                for (var index = 0; index < options.Candidates; index++)
                {
                    if (!candidates.TryGetValue(index, out var stored) || stored.Candidate.Error is not null)
                    {
                        missing.Add((prompt, index, null));
                    }
                    else if (stored.Grade is null && CandidateVerdict.Screen(stored.Candidate, options.MissingReasoning) is null)
                    {
                        missing.Add((prompt, index, stored.Candidate));
                    }
                    else
                    {
                        complete++;
                    }
                }
            }
            yield return new WorkPage<(SftPrompt, int, GeneratedCandidate?)>(complete, missing);
        }
    }

    private async Task CompleteAsync(SftPrompt prompt, int index, GeneratedCandidate? existing, CancellationToken cancellationToken)
    {
        var conversation = prompt.Row.Conversation();
        var candidate = existing;
        if (candidate is null)
        {
            candidate = await generator.GenerateAsync(catalog.Get(prompt.Category), conversation, cancellationToken).ConfigureAwait(false);
            await store.SaveCandidateAsync(prompt.Key, index, candidate, null, cancellationToken).ConfigureAwait(false);
        }
        if (CandidateVerdict.Screen(candidate, options.MissingReasoning) is null)
        {
            var grade = await _grader.GradeAsync(new GradeRequest(conversation, candidate.Answer!, prompt.Category), cancellationToken).ConfigureAwait(false);
            await store.SaveCandidateAsync(prompt.Key, index, candidate, grade, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<SftResult> WriteOutputsAsync(string directory, TrainingFormat format, TemplatePlacement placement, CancellationToken cancellationToken)
    {
        var (prompts, units) = store.Counts();
        var stats = new SftStats { Prompts = prompts, UniquePrompts = units, Template = SftTemplate.Identity, Generator = generatorName, Grader = _grader.Name };
        var placementName = placement.ToString().ToLowerInvariant();
        await using var train = new AtomicJsonlWriter<TrainingRow>(Path.Combine(directory, "train.jsonl"), SftJson.Default.TrainingRow);
        await using var rejected = new AtomicJsonlWriter<RejectedRow>(Path.Combine(directory, "rejected.jsonl"), SftJson.Default.RejectedRow);
        long after = 0;
        while (await store.UnitPageAsync(after, PageSize, cancellationToken).ConfigureAwait(false) is { Count: > 0 } page)
        {
            after = page[^1].Seq;
            foreach (var (_, prompt, stored) in page)
            {
                var candidates = Enumerable.Range(0, options.Candidates).Where(stored.ContainsKey).Select(i => stored[i]).ToList();
                var (kept, reasons) = CandidateVerdict.Decide(candidates, options);
                var spec = catalog.Get(prompt.Category).Identity;
                for (var i = 0; i < candidates.Count; i++)
                {
                    var (candidate, grade) = candidates[i];
                    var metadata = Metadata(prompt, i, candidate, grade, spec, placementName);
                    if (i == kept)
                    {
                        stats.AddKept(prompt.Category, grade!.Mode);
                        await train.WriteAsync(TrainingRows.Build(format, prompt.Row.Conversation(), candidate.Answer!, candidate.Reasoning, metadata), cancellationToken).ConfigureAwait(false);
                        continue;
                    }
                    var (reason, detail) = reasons[i]!.Value;
                    stats.AddRejected(prompt.Category, grade?.Mode, reason);
                    var row = new RejectedRow(reason, detail, TrainingRows.Turns(prompt.Row.Conversation()), candidate.Answer, candidate.Reasoning,
                        candidate.FinishReason, metadata, grade?.Rationale);
                    await rejected.WriteAsync(row, cancellationToken).ConfigureAwait(false);
                }
                if (kept < 0)
                {
                    stats.PromptsWithoutRow++;
                }
            }
        }
        await train.CommitAsync(cancellationToken).ConfigureAwait(false);
        await rejected.CommitAsync(cancellationToken).ConfigureAwait(false);
        await AtomicFile.WriteAllTextAsync(Path.Combine(directory, "stats.json"), System.Text.Json.JsonSerializer.Serialize(stats, SftJson.Default.SftStats), cancellationToken).ConfigureAwait(false);
        return new SftResult(stats);
    }

    private SftMetadata Metadata(SftPrompt prompt, int index, GeneratedCandidate candidate, Grade? grade, string spec, string placement) => new()
    {
        Id = prompt.Row.Id!,
        Category = prompt.Category,
        CategoryInferred = prompt.CategoryInferred,
        Intent = prompt.Row.Intent,
        Template = SftTemplate.Identity,
        Placement = placement,
        Spec = spec,
        Generator = generatorName,
        Grader = _grader.Name,
        Candidate = index,
        Candidates = options.Candidates,
        ReasoningSource = candidate.ReasoningSource,
        Mode = grade?.Mode,
        Safety = grade?.Safety,
        Severity = grade?.Severity,
        Helpfulness = grade?.Helpfulness?.Score,
        Reward = grade?.Reward,
    };
}

/// <summary>What a finished SFT run holds.</summary>
public sealed record SftResult(SftStats Stats)
{
    /// <summary>Candidates whose generation failed or whose grade could not be produced: the run is incomplete.</summary>
    public int Incomplete =>
        Stats.Rejected.ByReason is { } reasons ? reasons.GetValueOrDefault(SftStats.Name(RejectionReason.GenerationFailed)) + reasons.GetValueOrDefault(SftStats.Name(RejectionReason.Unscored)) : 0;
}
