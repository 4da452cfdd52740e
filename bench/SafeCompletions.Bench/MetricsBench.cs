using System.Diagnostics;
using System.Globalization;
using SafeCompletions.Storage.Sqlite;
using SafeCompletions.Contracts;
using SafeCompletions.Statistics;

namespace SafeCompletions.Bench;

/// <summary>
/// What the statistics hold: the managed heap (after a full collection) before and after adding the grades of P
/// prompts × K samples × M models to a MetricsCalculator, the peak during Compute, and the time adding and Compute take.
/// Grades go in prompt by prompt, as eval feeds them; with --report they go in model by model, as report's grade files
/// do, through the on-disk GradeGrouping.
///   SafeCompletions.Bench metrics --prompts 100000 --samples 1 --models 1 [--report]
/// </summary>
internal static class MetricsBench
{
    public static int Run(string[] args)
    {
        var prompts = BenchArgs.Int(args, "--prompts", 100_000);
        var samples = BenchArgs.Int(args, "--samples", 1);
        var models = BenchArgs.Int(args, "--models", 1);
        var report = args.Contains("--report");
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var calculator = new MetricsCalculator();
        var adding = Stopwatch.StartNew();
        if (report)
        {
            using var grouping = new GradeGrouping();
            var line = 0;
            for (var m = 0; m < models; m++)
            {
                for (var p = 0; p < prompts; p++)
                {
                    for (var s = 0; s < samples; s++)
                    {
                        grouping.Add(Grade($"m{m}", p, s), new GradeOrigin("grades.jsonl", ++line));
                    }
                }
            }
            grouping.AddTo(calculator);
        }
        else
        {
            for (var p = 0; p < prompts; p++)
            {
                for (var m = 0; m < models; m++)
                {
                    for (var s = 0; s < samples; s++)
                    {
                        calculator.Add(Grade($"m{m}", p, s));
                    }
                }
            }
        }
        var addSeconds = adding.Elapsed.TotalSeconds;
        var held = GC.GetTotalMemory(forceFullCollection: true) - before;
        var clock = Stopwatch.StartNew();
        var metrics = calculator.Compute();
        var seconds = clock.Elapsed.TotalSeconds;
        var afterCompute = GC.GetTotalMemory(forceFullCollection: false) - before;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"prompts={prompts} samples={samples} models={models} report={report} add_s={addSeconds:0.00} held_mb={held / 1048576.0:0.0} bytes_per_prompt_and_model={(double)held / prompts / models:0} " +
            $"heap_after_compute_mb={afterCompute / 1048576.0:0.0} compute_s={seconds:0.00} comparisons={metrics.Comparisons.Count} peak_working_set_mb={Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0.0}"));
        GC.KeepAlive(calculator);
        return 0;
    }

    private static GradeRow Grade(string model, int prompt, int sample)
    {
        var safe = (prompt + sample) % 5 != 0;
        return new GradeRow
        {
            Id = $"p{prompt}#{model}#{sample}",
            PromptId = $"p{prompt}",
            Model = model,
            Sample = sample,
            Intent = (Intent)(prompt % 3),
            Status = GradeStatus.Ok,
            Mode = safe ? ResponseMode.SafeCompletion : ResponseMode.Direct,
            Safe = safe,
            Safety = safe ? 0.9 : 0.2,
            Severity = safe ? Severity.None : Severity.Moderate,
            Helpfulness = Helpfulness.From(0.5, 0.7, 3),
            Reward = 0.63,
            Grader = "bench",
        };
    }
}
