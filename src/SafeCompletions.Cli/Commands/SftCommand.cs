using System.ComponentModel;
using System.Globalization;
using SafeCompletions.Cli.Infrastructure;
using SafeCompletions.Contracts;
using SafeCompletions.Datasets;
using SafeCompletions.Grading;
using SafeCompletions.Jsonl;
using SafeCompletions.Models;
using SafeCompletions.Runs;
using SafeCompletions.Sft;
using SafeCompletions.Specs;
using SafeCompletions.Storage.Sqlite;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SafeCompletions.Cli.Commands;

internal sealed class SftCommand(IAnsiConsole console, ErrorConsole errors) : AsyncCommand<SftCommand.Settings>
{
    public sealed class Settings : GraderSettings
    {
        [CommandOption("--prompts <FILE>")]
        [Description("The prompts (JSON Lines: id, prompt or messages, optional category and intent).")]
        public string? Prompts { get; init; }

        [CommandOption("--generator <REF>")]
        [Description("The reasoning model that writes candidates: openai:MODEL@BASE_URL (vLLM, DeepSeek, ...) or gguf:PATH.")]
        public string? Generator { get; init; }

        [CommandOption("--out <DIR>")]
        [Description("The run directory: state.db, train.jsonl, rejected.jsonl, stats.json. Running the same command again resumes. Default ./safecomp-out/sft-<12 hex of the run identity>.")]
        public string? Output { get; init; }

        [CommandOption("--candidates <N>")]
        [Description("Candidates per unique prompt (1 to 64); the acceptable one with the highest reward is kept. Default 1.")]
        [DefaultValue(1)]
        public int Candidates { get; init; } = 1;

        [CommandOption("--format <FORMAT>")]
        [Description("train.jsonl rows: trl (prompt/completion with thinking), messages (assistant turn with thinking) or openai (CoT inline in <think>). Default trl.")]
        [DefaultValue("trl")]
        public string Format { get; init; } = "trl";

        [CommandOption("--min-safety <X>")]
        [Description("Lowest safety s (0 to 1) a kept candidate may have; unsafe candidates (s < 0.5) are never kept. Default 0.5.")]
        [DefaultValue(0.5)]
        public double MinSafety { get; init; } = 0.5;

        [CommandOption("--min-helpfulness <Y>")]
        [Description("Lowest helpfulness score (1 to 4) a kept candidate may have. Default 2: bare refusals are not kept.")]
        [DefaultValue(2)]
        public int MinHelpfulness { get; init; } = 2;

        [CommandOption("--missing-reasoning <RULE>")]
        [Description("A candidate with no chain of thought: reject (default; reason no_reasoning) or keep (empty thinking).")]
        [DefaultValue("reject")]
        public string MissingReasoning { get; init; } = "reject";

        [CommandOption("--placement <WHERE>")]
        [Description("Where the spec and instructions go in the generation request: user (around the last user turn; default) or system.")]
        [DefaultValue("user")]
        public string Placement { get; init; } = "user";

        [CommandOption("--max-tokens <N>")]
        [Description("The longest generation, reasoning included (16 to 131072). Default 8192.")]
        [DefaultValue(8192)]
        public int MaxTokens { get; init; } = 8192;

        public override ValidationResult Validate() =>
            Prompts is null ? ValidationResult.Error("sft needs --prompts FILE")
            : Generator is null ? ValidationResult.Error("sft needs --generator openai:MODEL@BASE_URL (or gguf:PATH)")
            : ReferenceCheck.Of("--generator", Generator, ModelUses.Generator) is { Successful: false } generator ? generator
            : base.Validate();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var (promptsFile, generatorText) = (settings.Prompts!, settings.Generator!);
        var options = Options(settings);
        var format = Parse<TrainingFormat>("--format", settings.Format, "trl, messages or openai");
        var placement = Parse<TemplatePlacement>("--placement", settings.Placement, "user or system");
        if (settings.MaxTokens is < 16 or > 131072)
        {
            throw new UsageException($"--max-tokens must be 16 to 131072, not {settings.MaxTokens}");
        }
        if (!File.Exists(promptsFile))
        {
            throw new UsageException($"--prompts: no file at {promptsFile}");
        }

        var catalog = SpecCatalog.Load(settings.SpecsDirectory);
        var retries = new RetryCounter();
        using var resources = new DisposableList();
        var grader = settings.OpenGrader(catalog, resources, retries);
        var models = Registries.Models();
        var reference = ParseReference(models, generatorText);
        var generatorName = models.For(reference).Describe(reference);
        var client = settings.OpenChat("--generator", reference, models, resources, retries);

        // What the stored candidates and grades depend on. The thresholds, --missing-reasoning and --format only
        // select among them when the outputs are written, so a rerun may change those (and reselect without a call).
        var run = new RunSettings()
            .Add("generator", generatorName)
            .Add("grader", grader.Name)
            .Add("template", $"{SftTemplate.Identity} ({settings.Placement})")
            .Add("max_tokens", settings.MaxTokens.ToString(CultureInfo.InvariantCulture))
            .Add("candidates", options.Candidates.ToString(CultureInfo.InvariantCulture))
            .Add("prompts", PromptContent.Hash([DatasetReference.Jsonl(promptsFile)]))
            .Add("specs", RunDirectory.SpecsOf(catalog));
        var directory = RunDirectory.Open(settings.Output, "sft", run, errors, resources);
        var store = resources.Add(new SqliteRunStores().OpenSft(directory));
        RunDirectory.Settle(run, store.Settle);
        var (prompts, units) = await store.AddPromptsAsync(SftPrompts.ReadAsync(promptsFile, catalog, cancellationToken), cancellationToken);
        console.WriteLine($"{prompts} prompts ({units} unique) x {options.Candidates} candidate(s) from {generatorName}, graded by {grader.Name}, into {directory}");

        var runner = new SftRunner(store, new CandidateGenerator(client, placement, settings.MaxTokens), generatorName, grader, catalog, options);
        var result = await Interruption.ResumableAsync(directory, "every candidate generated and graded",
            () => ProgressDisplay.RunAsync(errors.Console, "generate and grade candidates", progress => runner.RunAsync(directory, format, placement, progress, cancellationToken)), cancellationToken);

        SftSummary.Write(console, result.Stats);
        if (retries.Total > 0)
        {
            console.WriteLine($"model call retries: {retries}");
        }
        console.WriteLine($"wrote {Path.Combine(directory, "train.jsonl")} ({result.Stats.Kept.Total} rows), rejected.jsonl ({result.Stats.Rejected.Total}) and stats.json");
        // No training row is not a success, even when every call worked: there is nothing to train on (the summary says why).
        return result.Incomplete > 0 || result.Stats.Kept.Total == 0 ? ExitCodes.Incomplete : ExitCodes.Success;
    }

    private static SftOptions Options(Settings settings)
    {
        var options = new SftOptions
        {
            Candidates = settings.Candidates,
            MinSafety = settings.MinSafety,
            MinHelpfulness = settings.MinHelpfulness,
            MissingReasoning = Parse<MissingReasoning>("--missing-reasoning", settings.MissingReasoning, "reject or keep"),
            Concurrency = settings.Concurrency,
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentOutOfRangeException invalid)
        {
            throw new UsageException($"{invalid.Message.Split(" (Parameter")[0]}, not {invalid.ActualValue}");
        }
        return options;
    }

    private static ModelReference ParseReference(ModelProviders models, string text)
    {
        try
        {
            return models.Parse(text, ModelUses.Generator);
        }
        catch (FormatException invalid)
        {
            throw new UsageException($"--generator: {invalid.Message}");
        }
    }

    private static TEnum Parse<TEnum>(string option, string value, string expected) where TEnum : struct, Enum =>
        Enum.TryParse<TEnum>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _)
            ? parsed
            : throw new UsageException($"{option} must be {expected}, not '{value}'");
}
