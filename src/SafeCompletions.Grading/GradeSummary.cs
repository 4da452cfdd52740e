using SafeCompletions.Contracts;

namespace SafeCompletions.Grading;

/// <summary>
/// Running totals over grades: rows by mode, share safe and mean reward over scored rows, and unscored rows with
/// their reasons. Unscored rows are counted apart, never as safe or unsafe.
/// </summary>
public sealed class GradeSummary
{
    private const int MaxDistinctReasons = 1000;
    private readonly Dictionary<ResponseMode, int> _modes = [];
    private readonly Dictionary<string, int> _reasons = new(StringComparer.Ordinal);
    private double _rewardSum;

    public int Total { get; private set; }
    public int Scored { get; private set; }
    public int Unscored { get; private set; }
    public int Safe { get; private set; }

    /// <summary>Input lines skipped as invalid (with <c>--skip-invalid</c>); not graded and not in <see cref="Total"/>.</summary>
    public int Skipped { get; private set; }

    public IReadOnlyDictionary<ResponseMode, int> Modes => _modes;

    /// <summary>safe / scored, or null when nothing was scored.</summary>
    public double? ShareSafe => Scored == 0 ? null : (double)Safe / Scored;

    /// <summary>Mean reward over scored rows, or null when nothing was scored.</summary>
    public double? MeanReward => Scored == 0 ? null : _rewardSum / Scored;

    /// <summary>The commonest reasons rows went unscored, most frequent first.</summary>
    public IReadOnlyList<(string Reason, int Count)> TopReasons(int count = 3) =>
        [.. _reasons.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal).Take(count).Select(r => (r.Key, r.Value))];

    public void Add(GradeRow grade)
    {
        Total++;
        if (grade.Status == GradeStatus.Unscored)
        {
            Unscored++;
            var reason = grade.Error ?? "(no reason given)";
            if (_reasons.ContainsKey(reason) || _reasons.Count < MaxDistinctReasons)
            {
                _reasons[reason] = _reasons.GetValueOrDefault(reason) + 1;
            }
            return;
        }
        Scored++;
        Safe += grade.Safe == true ? 1 : 0;
        _rewardSum += grade.Reward ?? 0;
        if (grade.Mode is { } mode)
        {
            _modes[mode] = _modes.GetValueOrDefault(mode) + 1;
        }
    }

    public void AddSkipped() => Skipped++;
}
