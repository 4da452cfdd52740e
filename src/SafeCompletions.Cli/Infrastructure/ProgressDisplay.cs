using SafeCompletions.Grading;
using Spectre.Console;

namespace SafeCompletions.Cli.Infrastructure;

/// <summary>
/// Shows progress of a long run: a live bar on an interactive terminal, and otherwise a plain line every tenth
/// of the work, so logs of CI and batch jobs show it too. Workers report from many threads, so a count can arrive after a
/// larger one: the display only ever moves forward.
/// </summary>
internal static class ProgressDisplay
{
    public static async Task<T> RunAsync<T>(IAnsiConsole console, string label, Func<IProgress<GradeProgress>, Task<T>> work)
    {
        if (!console.Profile.Capabilities.Interactive)
        {
            var lastTenth = -1;
            var plain = new SynchronousProgress<GradeProgress>(p =>
            {
                var tenth = p.Total == 0 ? 10 : p.Done * 10 / p.Total;
                if (tenth > lastTenth)
                {
                    lastTenth = tenth;
                    console.WriteLine($"{label}: {p.Done}/{p.Total}");
                }
            });
            return await work(plain);
        }
        return await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(label), maxValue: 1);
                var bar = new SynchronousProgress<GradeProgress>(p =>
                {
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = Math.Max(task.Value, p.Done);
                });
                return await work(bar);
            });
    }

    /// <summary>Reports on the caller's thread, one at a time (unlike <see cref="Progress{T}"/>, which posts to the thread pool).</summary>
    private sealed class SynchronousProgress<TValue>(Action<TValue> report) : IProgress<TValue>
    {
        private readonly Lock _gate = new();

        public void Report(TValue value)
        {
            lock (_gate)
            {
                report(value);
            }
        }
    }
}
