using System.ComponentModel;
using Spectre.Console.Cli;

namespace SafeCompletions.Cli.Commands;

/// <summary>The options of every command that grades (grade, eval): which grader, and how it reaches its model.</summary>
public class GraderSettings : SpecsSettings
{
    [CommandOption("--grader <KIND>")]
    [Description("embedded (offline, on the shipped MiniLM encoder) or llm (a judge model, needs --judge). Default: llm when --judge is given, else embedded.")]
    public string? Grader { get; init; }

    [CommandOption("--judge <REF>")]
    [Description("The judge model: openai:MODEL@BASE_URL. Key from SAFECOMP_API_KEY, else OPENAI_API_KEY.")]
    public string? Judge { get; init; }

    [CommandOption("--concurrency <N>")]
    [Description("Model calls in flight at once (1 to 256). Default 8.")]
    [DefaultValue(8)]
    public int Concurrency { get; init; } = 8;

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
    [Description("Retries of a model call after 429, 5xx or a timeout (0 to 20). Default 4.")]
    [DefaultValue(4)]
    public int Retries { get; init; } = 4;

    [CommandOption("--timeout <SECONDS>")]
    [Description("How long one model call may take before it is retried. Default 120.")]
    [DefaultValue(120.0)]
    public double TimeoutSeconds { get; init; } = 120;
}
