using System.Text.Json;
using SafeCompletions.Caching;
using SafeCompletions.Contracts;
using SafeCompletions.Specs;

namespace SafeCompletions.Grading;

/// <summary>
/// Keeps the grades its inner grader produced in a verdict cache, so that grading the same rows again makes no model
/// call and an interrupted run is resumed by running it again. The key covers the grader's name (for the LLM judge:
/// rubric version and judge model), its <see cref="GraderTraits.CacheScope"/>, the spec the grade is made under
/// (every spec's identity when the category is to be inferred), the conversation and the response. Only scored grades
/// are kept: an unscored one (a judge that kept failing) is asked again next time.
/// </summary>
public sealed class CachingGrader : DelegatingGrader
{
    /// <summary>The <c>rubric</c> column of a cached grade, versioned with the grade's stored shape.</summary>
    public const string Entry = "grade@1";

    private readonly IVerdictCache _cache;
    private readonly SpecCatalog _catalog;
    private readonly string _everySpec;

    public CachingGrader(IGrader innerGrader, IVerdictCache cache, SpecCatalog catalog)
        : base(innerGrader)
    {
        _cache = cache ?? throw new ArgumentNullException(nameof(cache));
        _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        _everySpec = string.Join(",", catalog.All.Select(s => s.Identity));
    }

    /// <inheritdoc/>
    public override async Task<Grade> GradeAsync(GradeRequest request, CancellationToken cancellationToken = default)
    {
        var key = KeyOf(request);
        if (await LookUpAsync(key, cancellationToken).ConfigureAwait(false) is { } cached)
        {
            return cached;
        }
        var grade = await base.GradeAsync(request, cancellationToken).ConfigureAwait(false);
        await KeepAsync(key, grade, cancellationToken).ConfigureAwait(false);
        return grade;
    }

    /// <inheritdoc/>
    public override async Task<IReadOnlyList<Grade>> GradeBatchAsync(IReadOnlyList<GradeRequest> requests, CancellationToken cancellationToken = default)
    {
        var grades = new Grade[requests.Count];
        var keys = requests.Select(KeyOf).ToArray();
        var missing = new List<int>();
        for (var i = 0; i < requests.Count; i++)
        {
            if (await LookUpAsync(keys[i], cancellationToken).ConfigureAwait(false) is { } cached)
            {
                grades[i] = cached;
            }
            else
            {
                missing.Add(i);
            }
        }
        if (missing.Count > 0)
        {
            var fresh = await base.GradeBatchAsync([.. missing.Select(i => requests[i])], cancellationToken).ConfigureAwait(false);
            for (var m = 0; m < missing.Count; m++)
            {
                grades[missing[m]] = fresh[m];
                await KeepAsync(keys[missing[m]], fresh[m], cancellationToken).ConfigureAwait(false);
            }
        }
        return grades;
    }

    private string KeyOf(GradeRequest request)
    {
        var spec = request.Category is null ? _everySpec : _catalog.Find(request.Category)?.Identity ?? $"(no spec: {request.Category})";
        return VerdictCacheKey.For(Name, Entry, Traits.CacheScope, spec, request.Conversation, request.Response);
    }

    private async Task<Grade?> LookUpAsync(string key, CancellationToken cancellationToken)
    {
        if (await _cache.GetAsync(key, cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize(stored, CachedGradeJson.Default.Grade) is { Status: GradeStatus.Ok } grade ? grade : null;
        }
        catch (JsonException)
        {
            // An entry this version cannot read is a miss: the grade is made again and the entry replaced.
            return null;
        }
    }

    private Task KeepAsync(string key, Grade grade, CancellationToken cancellationToken) =>
        grade.Status == GradeStatus.Ok
            ? _cache.SetAsync(key, Entry, Name, JsonSerializer.Serialize(grade, CachedGradeJson.Default.Grade), cancellationToken)
            : Task.CompletedTask;
}
