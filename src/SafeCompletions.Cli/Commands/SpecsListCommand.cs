using SafeCompletions.Specs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SafeCompletions.Cli.Commands;

internal sealed class SpecsListCommand(IAnsiConsole console) : AsyncCommand<SpecsSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, SpecsSettings settings, CancellationToken cancellationToken)
    {
        var catalog = SpecCatalog.Load(settings.SpecsDirectory);
        var table = new Table().AddColumns("id", "title", "parent", "exemplars", "identity");
        foreach (var spec in catalog.All)
        {
            table.AddRow(
                Markup.Escape(spec.Id), Markup.Escape(spec.Title), Markup.Escape(spec.Parent ?? ""),
                spec.Exemplars.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(spec.Identity));
        }
        console.Write(table);
        return Task.FromResult(0);
    }
}
