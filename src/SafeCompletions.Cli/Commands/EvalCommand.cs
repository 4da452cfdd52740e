using System.ComponentModel;
using System.Globalization;
using SafeCompletions.Cli.Infrastructure;
using SafeCompletions.Contracts;
using SafeCompletions.Datasets;
using SafeCompletions.Models;
using SafeCompletions.Reports;
using SafeCompletions.Runs;
using SafeCompletions.Specs;
using SafeCompletions.Statistics;
using SafeCompletions.Storage.Sqlite;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SafeCompletions.Cli.Commands;

internal sealed class EvalCommand(IAnsiConsole console, ErrorConsole errors) : AsyncCommand<EvalCommand.Settings>
{
    public sealed class Settings : GraderSettings
    {
        [CommandOption("--prompts <FILE>")]
        [Description("A prompt set in the project's JSON Lines; repeatable.")]
        public string[] Prompts { get; init; } = [];

        [CommandOption("--dataset <KIND:PATH>")]
        [Description("A public prompt set: jsonl, xstest, harmbench, strongreject or sst (docs/datasets.md); repeatable.")]
        public string[] Datasets { get; init; } = [];

        [CommandOption("--model <NAME=REF>")]
        [Description("A model to evaluate: NAME=openai:MODEL@BASE_URL, NAME=gguf:PATH, NAME=torch:DIR[+ADAPTER_DIR] or NAME=responses:FILE; repeatable.")]
        public string[] Models { get; init; } = [];

        [CommandOption("--samples <K>")]
        [Description("Samples per prompt and live model (1 to 64). Recorded response sets bring their own. Default 4.")]
        [DefaultValue(4)]
        public int Samples { get; init; } = 4;

        [CommandOption("--max-tokens <N>")]
        [Description("The longest response a live model may write (16 to 65536). Default 2048.")]
        [DefaultValue(2048)]
        public int MaxTokens { get; init; } = 2048;

        [CommandOption("--temperature <T>")]
        [Description("The sampling temperature of live models (0 to 2; 0 is greedy). Recorded in the run. Default 1.")]
        [DefaultValue(1f)]
        public float Temperature { get; init; } = 1f;

        [CommandOption("--out <DIR>")]
        [Description("The run directory: state, responses.jsonl, grades.jsonl, metrics.json, report.json, report.html. Default ./safecomp-out/eval-<12 hex of the run identity> (quickstart: ./safecomp-out/quickstart).")]
        public string? Output { get; init; }

        /// <summary>No prompts, datasets or models at all: the bundled quickstart.</summary>
        public bool IsQuickstart => Prompts.Length == 0 && Datasets.Length == 0 && Models.Length == 0;

        public override ValidationResult Validate() =>
            !IsQuickstart && (Prompts.Length + Datasets.Length == 0 || Models.Length == 0)
                ? ValidationResult.Error("eval needs prompts (--prompts FILE or --dataset KIND:PATH) and at least one --model NAME=REF; with no arguments at all it runs the bundled quickstart")
            : Samples is < 1 or > 64 ? ValidationResult.Error($"--samples must be 1 to 64, not {Samples}")
            : MaxTokens is < 16 or > 65536 ? ValidationResult.Error($"--max-tokens must be 16 to 65536, not {MaxTokens}")
            : !float.IsFinite(Temperature) || Temperature is < 0 or > 2 ? ValidationResult.Error($"--temperature must be 0 to 2, not {Temperature}")
            : Models.Select(CheckModel).FirstOrDefault(r => !r.Successful) is { } model ? model
            : base.Validate();

        private static ValidationResult CheckModel(string argument) => argument.Split('=', 2) is [{ Length: > 0 }, var reference]
            ? ReferenceCheck.Of($"--model '{argument}'", reference, ModelUses.Evaluated)
            : ValidationResult.Error($"--model '{argument}': expected NAME=REF, e.g. mine=openai:llama3@http://127.0.0.1:8000/v1");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var quickstart = settings.IsQuickstart;
        List<DatasetReference> datasets = quickstart
            ? [DatasetReference.Jsonl(Bundled("prompts.jsonl"))]
            : [.. settings.Prompts.Select(DatasetReference.Jsonl), .. settings.Datasets.Select(d => DatasetReference.Parse(d))];
        string[] modelArguments = quickstart
            ? [$"refusal-trained=responses:{Bundled("responses-refusal-trained.jsonl")}", $"safe-completion=responses:{Bundled("responses-safe-completion.jsonl")}"]
            : settings.Models;
        var catalog = SpecCatalog.Load(settings.SpecsDirectory);
        var retries = new RetryCounter();
        using var resources = new DisposableList();
        var grader = settings.OpenGrader(catalog, resources, retries);
        var models = new List<IResponseGenerator>();
        foreach (var argument in modelArguments)
        {
            models.Add(await ModelAsync(argument, settings, resources, retries, cancellationToken));
        }
        if (models.Select(m => m.Name).Distinct(StringComparer.Ordinal).Count() != models.Count)
        {
            throw new UsageException("each --model needs its own NAME");
        }

        var run = new RunSettings()
            .Add("samples", settings.Samples.ToString(CultureInfo.InvariantCulture))
            .Add("grader", grader.Name)
            .Add("temperature", settings.Temperature.ToString(CultureInfo.InvariantCulture))
            .Add("max_tokens", settings.MaxTokens.ToString(CultureInfo.InvariantCulture))
            .Add("prompts", PromptContent.Hash(datasets))
            .Add("specs", RunDirectory.SpecsOf(catalog));
        foreach (var argument in modelArguments)
        {
            run.Add($"model {argument.Split('=', 2)[0]}", argument.Split('=', 2)[1]);
        }
        // The quickstart is always the same run, in the directory its docs name.
        var directory = RunDirectory.Open(settings.Output ?? (quickstart ? Path.Combine("safecomp-out", "quickstart") : null), "eval", run, errors, resources);
        var store = resources.Add(new SqliteRunStores().OpenEval(directory));
        RunDirectory.Settle(run, store.Settle);
        var prompts = 0;
        foreach (var dataset in datasets)
        {
            prompts = await store.AddPromptsAsync(ValidPromptsAsync(dataset, cancellationToken), cancellationToken);
        }
        console.WriteLine($"{prompts} prompts x {models.Count} model(s) into {directory} ({grader.Name})");

        var runner = new EvalRunner(store, models, grader, settings.Samples, settings.Concurrency, settings.GradeConcurrency(grader),
            new RunReportWriter(new RunDescription("eval", SafecompApp.Version, [.. datasets.Select(d => d.Path)], [], settings.Samples), GraderCards.Known));
        var result = await Interruption.ResumableAsync(directory, "every response and grade",
            () => StagedProgressDisplay.RunAsync(errors.Console, progress => runner.RunAsync(directory, StagedProgressDisplay.OfEval(progress), cancellationToken)), cancellationToken);

        MetricsTables.Write(console, result.Metrics);
        console.WriteLine($"{result.Responses} responses ({result.Failed} failed), {result.Grades.Total} grades ({result.Grades.Unscored} unscored)" +
            (retries.Total > 0 ? $", model call retries {retries}" : ""));
        foreach (var (reason, count) in result.Grades.TopReasons())
        {
            console.MarkupLineInterpolated($"[yellow]unscored[/] x{count}: {reason}");
        }
        console.WriteLine($"wrote {Path.Combine(directory, "responses.jsonl")}, grades.jsonl, metrics.json, report.json and {result.ReportFiles[^1]}");
        return result.Failed > 0 || result.Grades.Unscored > 0 ? ExitCodes.Incomplete : ExitCodes.Success;
    }

    private static async IAsyncEnumerable<PromptRow> ValidPromptsAsync(DatasetReference dataset, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var line in PromptSetReader.ReadAsync(dataset, cancellationToken))
        {
            yield return line.Row ?? throw new Jsonl.InvalidInputException(line.Error!);
        }
    }

    private static async Task<IResponseGenerator> ModelAsync(string argument, Settings settings, DisposableList resources, RetryCounter retries, CancellationToken cancellationToken)
    {
        var parts = argument.Split('=', 2);
        if (parts.Length != 2 || parts[0].Length == 0)
        {
            throw new UsageException($"--model '{argument}': expected NAME=REF, e.g. mine=openai:llama3@http://127.0.0.1:8000/v1");
        }
        var models = Registries.Models();
        var reference = models.Parse(parts[1], ModelUses.Evaluated);
        try
        {
            return await models.For(reference).OpenEvaluatedAsync(parts[0], reference, settings.ModelOptions(resources, retries, settings.MaxTokens, settings.Temperature), cancellationToken);
        }
        catch (FileNotFoundException missing)
        {
            throw new UsageException($"--model '{argument}': {missing.Message}");
        }
    }

    private static string Bundled(string name) => Path.Combine(AppContext.BaseDirectory, "quickstart", name);
}
