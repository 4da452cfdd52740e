using System.Collections.Concurrent;
using SafeCompletions.Runs;
using Spectre.Console;

namespace SafeCompletions.Cli.Infrastructure;

/// <summary>Progress bars per model and stage on a terminal; a plain line every tenth of a stage otherwise.</summary>
internal static class EvalProgressDisplay
{
    public static async Task<T> RunAsync<T>(IAnsiConsole console, Func<IProgress<EvalProgress>, Task<T>> work)
    {
        if (!console.Profile.Capabilities.Interactive)
        {
            var tenths = new ConcurrentDictionary<(string, string), int>();
            return await work(new Relay(p =>
            {
                var tenth = p.Total == 0 ? 10 : p.Done * 10 / p.Total;
                if (tenths.GetValueOrDefault((p.Stage, p.Model), -1) != tenth)
                {
                    tenths[(p.Stage, p.Model)] = tenth;
                    console.WriteLine($"{p.Stage} {p.Model}: {p.Done}/{p.Total}");
                }
            }));
        }
        return await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var tasks = new ConcurrentDictionary<(string, string), ProgressTask>();
                return await work(new Relay(p =>
                {
                    var task = tasks.GetOrAdd((p.Stage, p.Model), key => context.AddTask(Markup.Escape($"{key.Item1} {key.Item2}"), maxValue: Math.Max(1, p.Total)));
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                }));
            });
    }

    private sealed class Relay(Action<EvalProgress> report) : IProgress<EvalProgress>
    {
        public void Report(EvalProgress value)
        {
            lock (this)
            {
                report(value);
            }
        }
    }
}
