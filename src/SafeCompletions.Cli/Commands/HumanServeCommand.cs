using System.ComponentModel;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using SafeCompletions.Cli.Infrastructure;
using SafeCompletions.Human.Study;
using SafeCompletions.Human.Web;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SafeCompletions.Cli.Commands;

/// <summary><c>safecomp human serve</c>: the rater web app over a study (docs/human.md, "Serve"), until Ctrl+C or SIGTERM.</summary>
internal sealed class HumanServeCommand(IAnsiConsole console) : AsyncCommand<HumanServeCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--study <STUDY>")]
        [Description("A study made by human create (its study.db); ratings are saved there.")]
        public string? Study { get; init; }

        [CommandOption("--urls <URLS>")]
        [Description("Where to listen: http://HOST:PORT, several separated by ';'. Default http://127.0.0.1:8090 (this machine only).")]
        public string Urls { get; init; } = HumanWebOptions.DefaultUrls;

        [CommandOption("--admin-key-file <FILE>")]
        [Description("A file holding the key that opens /admin (header 'Authorization: Bearer KEY' or the login form).")]
        public string? AdminKeyFile { get; init; }

        [CommandOption("--allow-remote")]
        [Description("Allow a non-loopback --urls (refused otherwise); put a TLS proxy in front, tokens are in the URLs.")]
        public bool AllowRemote { get; init; }

        public override ValidationResult Validate() =>
            Study is null ? ValidationResult.Error("human serve needs --study STUDY (made by human create)")
            : AdminKeyFile is null ? ValidationResult.Error("human serve needs --admin-key-file FILE (the key that opens /admin)")
            : base.Validate();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var options = new HumanWebOptions { Study = settings.Study!, Urls = settings.Urls, AdminKey = KeyFile.Read("--admin-key-file", settings.AdminKeyFile!), AllowRemote = settings.AllowRemote };
        await using var web = HumanWebApp.Build(options, ServerLogging.Configure);
        await web.StartAsync(cancellationToken);
        console.MarkupLineInterpolated($"serving study [bold]{StudyDatabase.OpenExisting(settings.Study!).Path}[/] on {string.Join(", ", web.Urls)}");
        console.MarkupLine("  raters open /r/TOKEN (tokens in invites.csv); /admin needs the admin key");
        console.MarkupLine("Ctrl+C or SIGTERM stops it.");
        await web.WaitForShutdownAsync(cancellationToken);
        console.MarkupLine("stopped");
        return ExitCodes.Success;
    }
}
