using System.ComponentModel;
using SafeCompletions.Specs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SafeCompletions.Cli.Commands;

internal sealed class SpecsValidateCommand(IAnsiConsole console) : AsyncCommand<SpecsValidateCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "[DIR]")]
        [Description("A directory of specs to check, as they would be used with --specs (added to the bundled ones). Default: the bundled specs alone.")]
        public string? Directory { get; init; }
    }

    public override Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var catalog = SpecCatalog.Load(settings.Directory);
        foreach (var spec in catalog.All)
        {
            console.MarkupLineInterpolated($"[green]ok[/]  {spec.Identity}  {spec.Exemplars.Count} exemplars  {spec.Source}");
        }
        console.WriteLine($"{catalog.All.Count} spec(s) valid.");
        return Task.FromResult(0);
    }
}
