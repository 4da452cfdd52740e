using System.Diagnostics;
using System.Globalization;
using SafeCompletions.Contracts;
using SafeCompletions.Reporting;

namespace SafeCompletions.Bench;

/// <summary>
/// What the statistics hold: the managed heap (after a full collection) before and after adding the grades of P
/// prompts × K samples × M models to a MetricsCalculator, the peak during Compute, and the time Compute takes.
///   SafeCompletions.Bench metrics --prompts 100000 --samples 1 --models 1
/// </summary>
internal static class MetricsBench
{
    public static int Run(string[] args)
    {
        var prompts = BenchArgs.Int(args, "--prompts", 100_000);
        var samples = BenchArgs.Int(args, "--samples", 1);
        var models = BenchArgs.Int(args, "--models", 1);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var calculator = new MetricsCalculator();
        for (var m = 0; m < models; m++)
        {
            for (var p = 0; p < prompts; p++)
            {
                for (var s = 0; s < samples; s++)
                {
                    calculator.Add(Grade($"m{m}", p, s));
                }
            }
        }
        var held = GC.GetTotalMemory(forceFullCollection: true) - before;
        var clock = Stopwatch.StartNew();
        var report = calculator.Compute();
        var seconds = clock.Elapsed.TotalSeconds;
        var afterCompute = GC.GetTotalMemory(forceFullCollection: false) - before;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"prompts={prompts} samples={samples} models={models} held_mb={held / 1048576.0:0.0} bytes_per_prompt_and_model={(double)held / prompts / models:0} " +
            $"heap_after_compute_mb={afterCompute / 1048576.0:0.0} compute_s={seconds:0.00} comparisons={report.Comparisons.Count}"));
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
