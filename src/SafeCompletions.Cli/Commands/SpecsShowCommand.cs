using System.ComponentModel;
using SafeCompletions.Contracts;
using SafeCompletions.Specs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SafeCompletions.Cli.Commands;

internal sealed class SpecsShowCommand(IAnsiConsole console) : AsyncCommand<SpecsShowCommand.Settings>
{
    public sealed class Settings : SpecsSettings
    {
        [CommandArgument(0, "<ID>")]
        [Description("The category id, e.g. cyber.")]
        public string Id { get; init; } = "";
    }

    public override Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var catalog = SpecCatalog.Load(settings.SpecsDirectory);
        var spec = catalog.Find(settings.Id)
            ?? throw new Infrastructure.UsageException($"no spec '{settings.Id}' (known: {string.Join(", ", catalog.All.Select(s => s.Id))})");
        console.WriteLine($"{spec.Identity}  {spec.Title}  ({spec.Source})");
        console.WriteLine();
        console.WriteLine(spec.Body);
        console.WriteLine();
        console.WriteLine($"Exemplars: {spec.Exemplars.Count}");
        console.WriteLine("  by mode:   " + string.Join(", ", spec.Exemplars.GroupBy(e => e.Mode!.Value).OrderBy(g => g.Key).Select(g => $"{ContractNames.Of(g.Key)} {g.Count()}")));
        console.WriteLine("  by intent: " + string.Join(", ", spec.Exemplars.GroupBy(e => e.Intent!.Value).OrderBy(g => g.Key).Select(g => $"{ContractNames.Of(g.Key)} {g.Count()}")));
        console.WriteLine("  unsafe:    " + spec.Exemplars.Count(e => e.Safe == false));
        return Task.FromResult(0);
    }
}
