using System.Reflection;
using SafeCompletions.Cli.Commands;
using SafeCompletions.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SafeCompletions.Cli;

/// <summary>The <c>safecomp</c> command line: its commands, and the mapping of failures to the exit codes of docs/design.md.</summary>
public static class SafecompApp
{
    /// <summary>The tool's version, as <c>--version</c> and every report show it.</summary>
    public static string Version =>
        typeof(SafecompApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>Runs the command line; results go to <paramref name="console"/>, progress and errors to <paramref name="errors"/> (the same console when not given).</summary>
    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, CancellationToken cancellationToken = default, IAnsiConsole? errors = null)
    {
        var errorConsole = errors ?? console;
        if (args is [var branch] && branch is "specs" or "grader")
        {
            // Spectre shows the branch's help and exits 1 (the code of an incomplete run); a missing subcommand is usage.
            errorConsole.MarkupLineInterpolated($"[red]error:[/] safecomp {branch} needs a subcommand; safecomp {branch} --help lists them");
            return ExitCodes.BadInput;
        }
        var suggestions = new OptionSuggestions();
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.Settings.Registrar.RegisterInstance<IAnsiConsole>(console);
            config.Settings.Registrar.RegisterInstance(new ErrorConsole(errorConsole));
            config.SetApplicationName("safecomp");
            config.SetApplicationVersion(Version);
            config.UseStrictParsing();
            config.ConfigureConsole(console);
            config.SetExceptionHandler((exception, _) => ExitCodes.Report(errorConsole, exception, suggestions, args));
            config.AddBranch("specs", specs =>
            {
                specs.SetDescription("List, show and validate the policy specs.");
                specs.AddCommand<SpecsListCommand>("list").WithDescription("List the categories and their spec identities.");
                specs.AddCommand<SpecsShowCommand>("show").WithDescription("Show one spec: its identity, text and exemplar counts.");
                specs.AddCommand<SpecsValidateCommand>("validate").WithDescription("Check the bundled specs, or a directory of specs added to them; exit 2 naming each broken file.");
            });
            config.AddBranch("grader", grader =>
            {
                grader.SetDescription("Train the embedded grader; audit any grader.");
                grader.AddCommand<GraderTrainCommand>("train").WithDescription("Train the embedded grader's heads from labelled rows plus the specs' exemplars.");
                grader.AddCommand<GraderAuditCommand>("audit").WithDescription("Audit a grader against perturbations/1 (refusal phrases, padding, notes to the grader, framing, placeholders, formatting): flip rates per perturbation; exit 1 over --max-flip.");
            });
            config.AddBranch("train", train =>
            {
                train.SetDescription("Train a model in process (TorchSharp): LoRA SFT on safecomp sft output.");
                train.AddCommand<TrainSftCommand>("sft").WithDescription("LoRA supervised fine-tuning of a Hugging Face model directory; adapter in PEFT format, metrics.jsonl, resumable checkpoints.");
            });
            config.AddBranch("human", human =>
            {
                human.SetDescription("Human evaluation: blinded side-by-side studies and their results.");
                human.AddCommand<HumanCreateCommand>("create").WithDescription("Design a blinded side-by-side study: items, K raters each, seeded sides, gold items; study.db and invites.csv.");
                human.AddCommand<HumanServeCommand>("serve").WithDescription("Serve a study to its raters: blinded items at /r/TOKEN with autosave and resume, /admin behind a key.");
                human.AddCommand<HumanResultsCommand>("results").WithDescription("Compute human.json and human.html from ratings: mean safety, win rates, paired tests, agreement.");
            });
            config.AddCommand<GradeCommand>("grade")
                .WithDescription("Grade a response file: safety, helpfulness, mode, severity and reward r = h x s for every row.");
            config.AddCommand<EvalCommand>("eval")
                .WithDescription("Evaluate models on prompt sets as the paper does; with no arguments, the bundled offline quickstart.");
            config.AddCommand<SftCommand>("sft")
                .WithDescription("Generate spec-aware SFT data: candidates from a reasoning model shown the spec, judged, the best kept with the original prompt as input.");
            config.AddCommand<ServeCommand>("serve")
                .WithDescription("Serve the reward r = h x s over HTTP to RL trainers: POST /v1/rewards, OpenRLHF's POST /get_reward, /healthz, /metrics.");
            config.AddCommand<ReportCommand>("report")
                .WithDescription("Recompute the paper's metrics from grade files: metrics.json with bootstrap intervals and paired comparisons.");
        });
        suggestions.Add<SpecsListCommand>("specs list");
        suggestions.Add<SpecsShowCommand>("specs show");
        suggestions.Add<SpecsValidateCommand>("specs validate");
        suggestions.Add<GraderTrainCommand>("grader train");
        suggestions.Add<GradeCommand>("grade");
        suggestions.Add<EvalCommand>("eval");
        suggestions.Add<SftCommand>("sft");
        suggestions.Add<ServeCommand>("serve");
        suggestions.Add<ReportCommand>("report");
        return await app.RunAsync(args, cancellationToken);
    }
}
