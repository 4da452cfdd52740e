using System.ComponentModel;
using System.Globalization;
using SafeCompletions.Caching;
using SafeCompletions.Cli.Infrastructure;
using SafeCompletions.Contracts;
using SafeCompletions.Embedded;
using SafeCompletions.Embedded.Encoding;
using SafeCompletions.Embedded.Model;
using SafeCompletions.Grading;
using SafeCompletions.Judge;
using SafeCompletions.Models;
using SafeCompletions.Specs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SafeCompletions.Cli.Commands;

internal sealed class GradeCommand(IAnsiConsole console) : AsyncCommand<GradeCommand.Settings>
{
    public sealed class Settings : SpecsSettings
    {
        [CommandOption("--in <FILE>")]
        [Description("The response set (JSON Lines): id, prompt or messages, response; optional category, intent, model, sample, prompt_id, reasoning.")]
        public string? Input { get; init; }

        [CommandOption("--out <FILE>")]
        [Description("Where to write one grade per response (JSON Lines).")]
        public string? Output { get; init; }

        [CommandOption("--grader <KIND>")]
        [Description("embedded (offline, on the shipped MiniLM encoder) or llm (a judge model, needs --judge). Default: llm when --judge is given, else embedded.")]
        public string? Grader { get; init; }

        [CommandOption("--judge <REF>")]
        [Description("The judge model: openai:MODEL@BASE_URL. Key from SAFECOMP_API_KEY, else OPENAI_API_KEY.")]
        public string? Judge { get; init; }

        [CommandOption("--concurrency <N>")]
        [Description("Judge calls in flight at once (1 to 256). Default 8.")]
        [DefaultValue(8)]
        public int Concurrency { get; init; } = 8;

        [CommandOption("--skip-invalid")]
        [Description("Grade the valid rows and list the invalid lines, instead of stopping at the first with exit 2.")]
        public bool SkipInvalid { get; init; }

        [CommandOption("--cache <FILE>")]
        [Description("The verdict cache (SQLite). Default: $SAFECOMP_CACHE, else ~/.cache/safecomp/verdicts.db.")]
        public string? Cache { get; init; }

        [CommandOption("--no-cache")]
        [Description("Neither read nor write cached verdicts.")]
        public bool NoCache { get; init; }

        [CommandOption("--weights <FILE>")]
        [Description("Embedded grader weights from `safecomp grader train`. Default: the weights shipped with the tool.")]
        public string? Weights { get; init; }

        [CommandOption("--retries <N>")]
        [Description("Retries of a judge call after 429, 5xx or a timeout (0 to 20). Default 4.")]
        [DefaultValue(4)]
        public int Retries { get; init; } = 4;

        [CommandOption("--timeout <SECONDS>")]
        [Description("How long one judge call may take before it is retried. Default 120.")]
        [DefaultValue(120.0)]
        public double TimeoutSeconds { get; init; } = 120;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var input = settings.Input ?? throw new UsageException("grade needs --in FILE (the responses to grade)");
        var output = settings.Output ?? throw new UsageException("grade needs --out FILE (where the grades go)");
        if (settings.Concurrency is < 1 or > 256)
        {
            throw new UsageException($"--concurrency must be 1 to 256, not {settings.Concurrency}");
        }
        if (settings.Retries is < 0 or > 20 || settings.TimeoutSeconds <= 0)
        {
            throw new UsageException("--retries must be 0 to 20 and --timeout positive");
        }
        var kind = settings.Grader ?? (settings.Judge is null ? "embedded" : "llm");
        if (kind is not ("llm" or "embedded"))
        {
            throw new UsageException($"--grader must be llm or embedded, not '{settings.Grader}'");
        }
        var catalog = SpecCatalog.Load(settings.SpecsDirectory);
        var retries = new RetryCounter();
        using var resources = new DisposableList();
        IGrader grader;
        if (kind == "llm")
        {
            var judge = ModelReference.Parse(settings.Judge ?? throw new UsageException("--grader llm needs --judge openai:MODEL@BASE_URL"));
            var chatClient = resources.Add(ChatClientFactory.Create(
                judge,
                new RetryOptions { MaxRetries = settings.Retries, AttemptTimeout = TimeSpan.FromSeconds(settings.TimeoutSeconds), OnRetry = retries.Add },
                settings.Concurrency));
            var cache = settings.NoCache ? null : resources.Add(new SqliteVerdictCache(settings.Cache ?? SqliteVerdictCache.DefaultPath()));
            grader = new LlmJudge(chatClient, judge.Model, catalog, cache: cache);
        }
        else
        {
            var weights = settings.Weights is null ? GraderWeights.Default() : GraderWeights.Load(settings.Weights);
            grader = new EmbeddedGrader(resources.Add(new MiniLmTextEncoder()), catalog, weights);
        }
        var runner = new GradeFileRunner(grader, catalog);
        // The embedded grader batches the encoder across rows: a wide window keeps it fed with texts of similar length.
        var window = kind == "embedded" ? 256 : Math.Max(64, settings.Concurrency * 4);
        var options = new GradeRunOptions { SkipInvalid = settings.SkipInvalid, Window = window };

        var result = await ProgressDisplay.RunAsync(console, $"grading {Path.GetFileName(input)}",
            progress => runner.RunAsync(input, output, options, progress, cancellationToken));

        Report(result, output, grader.Name, retries);
        return result.Summary.Unscored > 0 || result.Skipped.Count > 0 ? ExitCodes.Incomplete : ExitCodes.Success;
    }

    private void Report(GradeRunResult result, string output, string graderName, RetryCounter retries)
    {
        var summary = result.Summary;
        var table = new Table().AddColumns("", "rows").HideHeaders();
        table.AddRow("graded", Count(summary.Total));
        foreach (var mode in Enum.GetValues<ResponseMode>())
        {
            table.AddRow($"  {ContractNames.Of(mode)}", Count(summary.Modes.GetValueOrDefault(mode)));
        }
        table.AddRow("  unscored", Count(summary.Unscored));
        table.AddRow("share safe (of scored)", summary.ShareSafe is { } safe ? safe.ToString("0.000", CultureInfo.InvariantCulture) : "n/a");
        table.AddRow("mean reward (of scored)", summary.MeanReward is { } reward ? reward.ToString("0.000", CultureInfo.InvariantCulture) : "n/a");
        if (result.Skipped.Count > 0)
        {
            table.AddRow("skipped invalid lines", Count(result.Skipped.Count));
        }
        if (retries.Total > 0)
        {
            table.AddRow("judge call retries", Markup.Escape(retries.ToString()));
        }
        console.Write(table);
        foreach (var (reason, count) in summary.TopReasons())
        {
            console.MarkupLineInterpolated($"[yellow]unscored[/] x{count}: {reason}");
        }
        foreach (var skipped in result.Skipped.Take(50))
        {
            console.MarkupLineInterpolated($"[yellow]skipped[/] {skipped.ToString()}");
        }
        if (result.Skipped.Count > 50)
        {
            console.WriteLine($"... and {result.Skipped.Count - 50} more skipped lines");
        }
        console.MarkupLineInterpolated($"wrote {summary.Total} grade(s) to {output} ({graderName})");
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}
