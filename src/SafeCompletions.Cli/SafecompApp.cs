using SafeCompletions.Cli.Commands;
using SafeCompletions.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SafeCompletions.Cli;

/// <summary>The <c>safecomp</c> command line: its commands, and the mapping of failures to exit codes 0 / 1 / 2.</summary>
public static class SafecompApp
{
    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, CancellationToken cancellationToken = default)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.Settings.Registrar.RegisterInstance<IAnsiConsole>(console);
            config.SetApplicationName("safecomp");
            config.ConfigureConsole(console);
            config.SetExceptionHandler((exception, _) => ExitCodes.Report(console, exception));
            config.AddBranch("specs", specs =>
            {
                specs.SetDescription("List, show and validate the policy specs.");
                specs.AddCommand<SpecsListCommand>("list").WithDescription("List the categories and their spec identities.");
                specs.AddCommand<SpecsShowCommand>("show").WithDescription("Show one spec: its identity, text and exemplar counts.");
                specs.AddCommand<SpecsValidateCommand>("validate").WithDescription("Check the bundled specs, or a directory of specs added to them; exit 2 naming each broken file.");
            });
            config.AddBranch("grader", grader =>
            {
                grader.SetDescription("Work with the embedded grader.");
                grader.AddCommand<GraderTrainCommand>("train").WithDescription("Train the embedded grader's heads from labelled rows plus the specs' exemplars.");
            });
            config.AddBranch("human", human =>
            {
                human.SetDescription("Human evaluation: blinded side-by-side studies and their results.");
                human.AddCommand<HumanCreateCommand>("create").WithDescription("Design a blinded side-by-side study: items, K raters each, seeded sides, gold items; study.db and invites.csv.");
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
        return await app.RunAsync(args, cancellationToken);
    }
}
