using System.Collections.Concurrent;
using SafeCompletions.Models;

namespace SafeCompletions.Cli.Infrastructure;

/// <summary>Counts model-call retries by reason, for the end-of-run summary (progress bars and log lines do not mix).</summary>
internal sealed class RetryCounter
{
    private readonly ConcurrentDictionary<string, int> _byReason = new(StringComparer.Ordinal);

    public int Total => _byReason.Values.Sum();

    public void Add(RetryNotice notice) => _byReason.AddOrUpdate(notice.Reason, 1, (_, count) => count + 1);

    public override string ToString() =>
        $"{Total} ({string.Join(", ", _byReason.OrderByDescending(r => r.Value).Select(r => $"{r.Key}: {r.Value}"))})";
}
