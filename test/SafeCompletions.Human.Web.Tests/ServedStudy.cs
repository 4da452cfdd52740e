using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using SafeCompletions.Contracts;
using SafeCompletions.Human.Study;

namespace SafeCompletions.Human.Web.Tests;

/// <summary>
/// A real study (study.db from human create's designer) served in-process on 127.0.0.1, port 0. The two systems have
/// names and answers no page may reveal: each answer carries its system's name only in the items table.
/// </summary>
internal sealed class ServedStudy : IAsyncDisposable
{
    public const string SystemA = "base-model-zebra", SystemB = "tuned-model-okapi";
    public const string AdminKey = "admin-key-for-tests-0123456789";

    private readonly TempDirectory _dir;

    private ServedStudy(TempDirectory dir, WebApplication app, StudyPlan plan, StudyDatabase database)
    {
        _dir = dir;
        App = app;
        Plan = plan;
        Database = database;
    }

    public WebApplication App { get; }
    public StudyPlan Plan { get; }
    public StudyDatabase Database { get; }
    public Uri Address => new(App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    public string Token(int rater) => Plan.Raters[rater].Token;
    public int ItemsOf(int rater) => Plan.Assignments.Count(a => a.Rater == Plan.Raters[rater].Rater);

    public static async Task<ServedStudy> StartAsync(int prompts = 3, int raters = 2, int perItem = 2)
    {
        var dir = new TempDirectory();
        var plan = StudyDesigner.Design([System(SystemA, prompts), System(SystemB, prompts)], null, raters, perItem, [], 7);
        var database = StudyDatabase.Create(dir.Path, plan);
        var app = HumanWebApp.Build(new HumanWebOptions { Study = dir.Path, Urls = "http://127.0.0.1:0", AdminKey = AdminKey });
        await app.StartAsync();
        return new ServedStudy(dir, app, plan, database);
    }

    private static StudySystem System(string name, int prompts) => new(name,
        Enumerable.Range(0, prompts).ToDictionary(
            p => $"p{p}",
            p => new StudyResponse($"p{p}", $"prompt number {p}", (Intent)(p % 3), null, $"Answer {p} in **bold**, <script>window.pwned = 1</script> from {(name == SystemA ? "one side" : "the other side")}")));

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        _dir.Dispose();
    }
}
