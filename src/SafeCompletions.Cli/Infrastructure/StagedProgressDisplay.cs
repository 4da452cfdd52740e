using System.Collections.Concurrent;
using SafeCompletions.Runs;
using Spectre.Console;

namespace SafeCompletions.Cli.Infrastructure;

/// <summary>
/// Progress bars per stage on a terminal (eval: a stage per model and step); a plain line every tenth of a stage otherwise.
/// A count that arrives after a larger one (workers report from many threads) never moves a stage back.
/// </summary>
internal static class StagedProgressDisplay
{
    public static async Task<T> RunAsync<T>(IAnsiConsole console, Func<IProgress<StageProgress>, Task<T>> work)
    {
        if (!console.Profile.Capabilities.Interactive)
        {
            var tenths = new ConcurrentDictionary<string, int>();
            return await work(new Relay(p =>
            {
                var tenth = p.Total == 0 ? 10 : p.Done * 10 / p.Total;
                if (tenth > tenths.GetValueOrDefault(p.Stage, -1))
                {
                    tenths[p.Stage] = tenth;
                    console.WriteLine($"{p.Stage}: {p.Done}/{p.Total}");
                }
            }));
        }
        return await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var tasks = new ConcurrentDictionary<string, ProgressTask>();
                return await work(new Relay(p =>
                {
                    var task = tasks.GetOrAdd(p.Stage, stage => context.AddTask(Markup.Escape(stage), maxValue: Math.Max(1, p.Total)));
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = Math.Max(task.Value, p.Done);
                }));
            });
    }

    private sealed class Relay(Action<StageProgress> report) : IProgress<StageProgress>
    {
        public void Report(StageProgress value)
        {
            lock (this)
            {
                report(value);
            }
        }
    }

    /// <summary>Eval's progress as stages: one per step and model, "generate m1", "grade all models".</summary>
    public static IProgress<EvalProgress> OfEval(IProgress<StageProgress> stages) => new EvalStages(stages);

    private sealed class EvalStages(IProgress<StageProgress> stages) : IProgress<EvalProgress>
    {
        public void Report(EvalProgress value) => stages.Report(new StageProgress($"{value.Stage} {value.Model}", value.Done, value.Total));
    }
}
