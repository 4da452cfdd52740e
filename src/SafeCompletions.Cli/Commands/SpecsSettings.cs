using System.ComponentModel;
using Spectre.Console.Cli;

namespace SafeCompletions.Cli.Commands;

/// <summary>The option every command that reads specs shares.</summary>
public class SpecsSettings : CommandSettings
{
    [CommandOption("--specs <DIR>")]
    [Description("A directory of specs (ID.md + ID.exemplars.jsonl) that add to or replace the bundled categories.")]
    public string? SpecsDirectory { get; init; }
}
