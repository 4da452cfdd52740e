using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SafeCompletions.Human.Results;
using Reply = Microsoft.AspNetCore.Http.Results;
using SafeCompletions.Human.Study;
using SafeCompletions.Human.Web.Internal;

namespace SafeCompletions.Human.Web;

/// <summary>
/// The rater web app of <c>safecomp human serve</c> (docs/human.md, "Serve"): <c>/r/{token}</c> shows a rater their next
/// item and takes drafts, submissions and skips; <c>/admin</c>, behind the admin key, shows progress and agreement and
/// unblinds on request, logged. Sides are resolved on the server: nothing sent to a rater names a system or an item.
/// </summary>
public static class HumanWebApp
{
    /// <summary>Builds the app; throws <see cref="FormatException"/> naming the option when the options are unsafe or invalid.</summary>
    public static WebApplication Build(HumanWebOptions options, Action<ILoggingBuilder>? logging = null)
    {
        var addresses = options.Validate();
        var study = StudyDatabase.OpenExisting(options.Study);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = Environments.Production });
        builder.Logging.ClearProviders();
        logging?.Invoke(builder.Logging);
        builder.WebHost.UseUrls([.. addresses.Select(a => a.Url)]);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 1 << 20;
        });
        builder.Services.AddAntiforgery(antiforgery => antiforgery.Cookie.Name = "safecomp-antiforgery");
        var app = builder.Build();
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HumanWebApp).FullName!);
        var antiforgery = app.Services.GetRequiredService<IAntiforgery>();
        var admin = new AdminKeyCheck(options.AdminKey);

        app.Use(async (context, next) =>
        {
            // No page may be cached, framed, or sent on as a referrer (the token is in the URL).
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Headers["Referrer-Policy"] = "no-referrer";
            context.Response.Headers["X-Frame-Options"] = "DENY";
            context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; form-action 'self'; img-src 'none'";
            await next(context);
        });
        app.UseAntiforgery();

        app.MapGet("/r/{token}", (HttpContext context, string token) =>
        {
            if (study.RaterOf(token) is not { } rater)
            {
                return NotFound();
            }
            var position = study.NextPosition(rater);
            if (study.Shown(rater, position) is not { } item)
            {
                return Html(RaterPage.Done(position));
            }
            var tokens = antiforgery.GetAndStoreTokens(context);
            return Html(RaterPage.Item(token, item, tokens.FormFieldName, tokens.RequestToken!));
        });
        app.MapPost("/r/{token}/save", (string token, IFormCollection form) => Save(study, token, form, skipped: false, redirect: false));
        app.MapPost("/r/{token}/submit", (string token, IFormCollection form) => Save(study, token, form, skipped: false, redirect: true));
        app.MapPost("/r/{token}/skip", (string token, IFormCollection form) => Save(study, token, form, skipped: true, redirect: true));

        app.MapGet("/admin", (HttpContext context) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(context);
            if (!admin.Allows(context.Request))
            {
                return Html(AdminPage.Login(tokens.FormFieldName, tokens.RequestToken!, failed: false), StatusCodes.Status401Unauthorized);
            }
            var (agreement, gold) = SoFar(study);
            return Html(AdminPage.Overview(study.Progress(), agreement, gold, study.Unblindings(), tokens.FormFieldName, tokens.RequestToken!));
        });
        app.MapPost("/admin/login", (HttpContext context, IFormCollection form) =>
        {
            if (!admin.Matches(form["key"].ToString()))
            {
                log.LogWarning("admin login refused");
                var tokens = antiforgery.GetAndStoreTokens(context);
                return Html(AdminPage.Login(tokens.FormFieldName, tokens.RequestToken!, failed: true), StatusCodes.Status401Unauthorized);
            }
            context.Response.Cookies.Append(AdminKeyCheck.Cookie, admin.NewSession(),
                new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/admin" });
            return Reply.Redirect("/admin", preserveMethod: false);
        });
        app.MapPost("/admin/unblind", (HttpContext context, IFormCollection form) =>
        {
            if (!admin.Allows(context.Request))
            {
                return Reply.StatusCode(StatusCodes.Status401Unauthorized);
            }
            var reason = form["reason"].ToString().Trim();
            if (reason.Length == 0)
            {
                return Reply.BadRequest("an unblinding needs a reason");
            }
            log.LogWarning("study unblinded: {Reason}", reason);
            return Html(AdminPage.Unblinded(study.Unblind(reason)));
        });
        return app;
    }

    private static IResult Save(StudyDatabase study, string token, IFormCollection form, bool skipped, bool redirect)
    {
        if (study.RaterOf(token) is not { } rater || RatingForm.Position(form) is not { } position)
        {
            return Reply.NotFound();
        }
        // A rater can only change the item they are on or one they already saw; never one further down their queue.
        var rating = RatingForm.Read(form, skipped);
        // Autosaves race the submit (each key sends one): a late partial draft must not undo a complete rating.
        if (!redirect && study.Shown(rater, position)?.Saved is { IsComplete: true } && !rating.IsComplete)
        {
            return Reply.NoContent();
        }
        if (position > study.NextPosition(rater) || !study.Save(rater, position, rating))
        {
            return Reply.NotFound();
        }
        return redirect ? Reply.Redirect($"/r/{Uri.EscapeDataString(token)}", preserveMethod: false) : Reply.NoContent();
    }

    private static (Agreement?, GoldSummary?) SoFar(StudyDatabase study)
    {
        var ratings = new StudyRatingSource(study).ReadAsync().ToBlockingEnumerable().ToList();
        if (ratings.Count == 0)
        {
            return (null, null);
        }
        var report = HumanResults.Compute(ratings, new HumanResultsOptions { Resamples = 100 });
        return (report.Agreement, report.Gold);
    }

    private static IResult NotFound() => Html(RaterPage.Head("Not found") + "<p>No such page.</p></body></html>", StatusCodes.Status404NotFound);

    private static IResult Html(string html, int status = StatusCodes.Status200OK) =>
        Reply.Content(html, "text/html; charset=utf-8", statusCode: status);
}
